//go:build linux && !(amd64 || arm64 || arm || riscv64 || loong64 || mips64 || mips64le)

package x11

import "errors"

// On these architectures Linux multiplexes the System V calls through
// ipc(2); that path is not implemented, so captures use plain GetImage.

const sysvShmSupported = false

var errNoSysvShm = errors.New("System V shared memory not implemented on this architecture")

func shmGet(int) (int, error)            { return -1, errNoSysvShm }
func shmAttach(int, int) ([]byte, error) { return nil, errNoSysvShm }
func shmDetach([]byte) error             { return errNoSysvShm }
func shmRemove(int) error                { return errNoSysvShm }
