// Package sharectl will decide share control ([MS-RA] 3.15, 3.16 and
// MS-RDPEMC): view, asking, control; ACCEPTRC, REJECTRC, DENIEDRC, ESCRC.
// It will own the only gate through which expert input reaches the
// desktop. (Issue 5.)
package sharectl
