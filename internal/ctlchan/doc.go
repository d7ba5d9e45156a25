// Package ctlchan will hold the Remote Assistance session-initialization
// messages ([MS-RA] 2.2.1, REMOTEDESKTOP_*) carried on the static channel
// "remdesk" or the dynamic channel "RC_CTL", and the novice's state machine
// for versions 1, 2 and 3: password and token checks, then consent.
// (Issue 4.)
package ctlchan
