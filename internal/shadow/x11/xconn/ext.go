package xconn

import (
	"reflect"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// InitExtension prepares conn for the X extension name, where init is that
// extension package's Init (shm.Init, damage.Init, randr.Init, ...).
//
// xgb keeps the constructors of extension events and errors in two maps
// shared by all connections (xgb.NewEventFuncs, xgb.NewErrorFuncs). Every
// Init writes them, without a lock, and every connection's reader goroutine
// reads them, without a lock, whenever an event or an error arrives. An
// Init on one connection while another connection receives events is a
// data race (the runtime may even stop the process with "concurrent map
// read and map write").
//
// InitExtension avoids the write when it is not needed: it asks the
// server for the extension itself, and when the shared tables already hold
// exactly the constructors init would store, at the event and error
// numbers this server uses (a connection to the same server, or to another
// server of the same build, initialised the extension before), it only
// records the extension's opcode on conn, under conn's own lock. Otherwise
// it calls init, which writes the tables: that first initialisation of
// each extension must still happen before any other connection's reader
// receives events (the daemon opens the capture Screen, which initialises
// MIT-SHM, XFIXES and DAMAGE, before the XTEST injector and the XInput2
// watcher).
//
// Reading the tables here is safe alongside other readers; it is only
// unsafe alongside a concurrent Init, which the ordering above excludes.
func InitExtension(conn *xgb.Conn, name string, init func(*xgb.Conn) error) error {
	rep, err := xproto.QueryExtension(conn, uint16(len(name)), name).Reply()
	if err != nil || rep == nil || !rep.Present {
		// Let init report the failure in its own words (it asks again).
		return init(conn)
	}
	if !registered(name, int(rep.FirstEvent), int(rep.FirstError)) {
		return init(conn)
	}
	conn.ExtLock.Lock()
	conn.Extensions[name] = rep.MajorOpcode
	conn.ExtLock.Unlock()
	return nil
}

// registered reports whether xgb's shared tables map the events and errors
// of extension name, numbered from firstEvent and firstError, to the
// constructors its package declares (what its Init would write).
func registered(name string, firstEvent, firstError int) bool {
	evs, ok := xgb.NewExtEventFuncs[name]
	if !ok {
		return false // not an extension package xgb knows: let init decide
	}
	for n, fn := range evs {
		cur, ok := xgb.NewEventFuncs[firstEvent+n]
		if !ok || !sameFunc(cur, fn) {
			return false
		}
	}
	for n, fn := range xgb.NewExtErrorFuncs[name] {
		cur, ok := xgb.NewErrorFuncs[firstError+n]
		if !ok || !sameFunc(cur, fn) {
			return false
		}
	}
	return true
}

// sameFunc compares two of xgb's generated constructors, which are plain
// top-level functions, by their code pointers.
func sameFunc(a, b any) bool {
	return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}
