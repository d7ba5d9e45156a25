// Package xi2 watches an X11 display for local presses of the panic key
// while the daemon injects the remote expert's input with XTEST.
//
// It selects XInput2 RawKeyPress events on the root window. Raw events carry
// the slave device the press came from (sourceid, XI 2.1 and later), which
// is what tells a press on the novice's keyboard from an injected one: the
// X server delivers every XTest-generated event from an "XTEST" slave device
// it creates for each master ("Virtual core XTEST keyboard" for the core
// keyboard), while a real keyboard is a slave of its own.
//
// A press of the watched key counts as local, and is reported, when:
//   - it comes from a device that is not an XTEST device (a real keyboard,
//     or a device the watcher does not know), or
//   - it comes from an XTEST device and the ledger has no entry for it: some
//     other XTest client on the novice's machine (xdotool, an accessibility
//     tool) pressed it, which is as good as the novice pressing it.
//
// A press from an XTEST device that the ledger claims is the daemon's own
// injection and is not reported. Auto-repeat presses (XIKeyRepeat) are never
// reported.
//
// The XTEST rule is by name: Xorg names the XTest devices of a master
// "<master> XTEST keyboard" and "<master> XTEST pointer" (Xext/xtest.c,
// AllocXTestDevice), so a device is an XTEST device when its name ends in
// "XTEST keyboard" or "XTEST pointer". A physical device with such a name
// would only make its presses depend on the ledger, which can only err
// towards reporting (each injected press claims one entry).
//
// github.com/jezek/xgb has no XInput package, and its reader assumes 32-byte
// events, which XI2's GenericEvents are not, so this package speaks the few
// requests it needs over its own connection. The wire format lives in pure
// functions (display.go, xauth.go, setup.go, xinput.go, session.go); conn.go
// and watch.go do the I/O.
package xi2
