// Package sharectl decides share control, the novice side of [MS-RA] 3.16
// with the MS-RDPEMC request of versions 2 and 3: an expert views, asks
// for control, and controls the keyboard and mouse only after the novice
// said yes; the novice takes control back with the panic key (ESCRC) or
// otherwise (TAKECONTROL); policy can forbid control (DENIEDRC).
//
// Machine is the pure state machine of one expert. Gate wraps it with the
// desktop's shadow.Injector and is the only path from the expert's input
// to the desktop. RCCommand is the Session Control XML of [MS-RA] 2.2.2
// carried on sub-channel "71".
//
// The package is tier 1: no I/O, clock, randomness, logging or package
// state; the connection's owner goroutine drives it.
package sharectl
