//go:build linux && (amd64 || arm64 || arm || riscv64 || loong64 || mips64 || mips64le)

package x11

import (
	"syscall"
	"unsafe"
)

// System V shared memory without cgo: on these architectures Linux has
// direct shmget/shmat/shmdt/shmctl system calls (the others multiplex them
// through ipc(2); they fall back to plain GetImage, see sysvshm_other.go).
// golang.org/x/sys/unix has the same wrappers (SysvShm*), but it is not a
// direct requirement of the module.

const (
	ipcPrivate = 0      // IPC_PRIVATE
	ipcCreat   = 0o1000 // IPC_CREAT
	ipcExcl    = 0o2000 // IPC_EXCL
	ipcRmid    = 0      // IPC_RMID
	shmMode    = 0o600  // owner only: nobody else may read the screen
	shmFlags   = ipcCreat | ipcExcl | shmMode
)

// sysvShmSupported reports whether this build can attach System V shared
// memory at all.
const sysvShmSupported = true

// shmGet creates a new private segment of size bytes, readable and
// writable by this user only, and returns its id.
func shmGet(size int) (int, error) {
	id, _, errno := syscall.Syscall(syscall.SYS_SHMGET, ipcPrivate, uintptr(size), shmFlags)
	if errno != 0 {
		return -1, errno
	}
	return int(id), nil
}

// shmAttach maps segment id (of size bytes) into this process.
func shmAttach(id, size int) ([]byte, error) {
	addr, _, errno := syscall.Syscall(syscall.SYS_SHMAT, uintptr(id), 0, 0)
	if errno != 0 {
		return nil, errno
	}
	// The mapping is outside the Go heap and stays valid until shmDetach;
	// converting the address through a pointer-typed variable keeps vet's
	// unsafeptr check quiet about a uintptr that is not a Go pointer.
	p := *(*unsafe.Pointer)(unsafe.Pointer(&addr))
	return unsafe.Slice((*byte)(p), size), nil
}

// shmDetach unmaps a segment mapped by shmAttach. mem must not be used
// afterwards.
func shmDetach(mem []byte) error {
	_, _, errno := syscall.Syscall(syscall.SYS_SHMDT, uintptr(unsafe.Pointer(unsafe.SliceData(mem))), 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// shmRemove marks segment id for destruction: it disappears once the last
// process (this one and the X server) has detached it.
func shmRemove(id int) error {
	_, _, errno := syscall.Syscall(syscall.SYS_SHMCTL, uintptr(id), ipcRmid, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
