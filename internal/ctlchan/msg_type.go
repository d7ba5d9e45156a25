package ctlchan

import "fmt"

// MsgType is the msgType of REMOTEDESKTOP_CTL_BUFHEADER, [MS-RA] 2.2.1.3:
// the DWORD that starts the Data of every RC_CTL frame.
type MsgType uint32

// The msgType values of [MS-RA] 2.2.1.3.
const (
	MsgRemoteControlDesktop MsgType = 1  // REMOTEDESKTOP_CTL_REMOTE_CONTROL_DESKTOP
	MsgResult               MsgType = 2  // REMOTEDESKTOP_CTL_RESULT
	MsgAuthenticate         MsgType = 3  // REMOTEDESKTOP_CTL_AUTHENTICATE
	MsgServerAnnounce       MsgType = 4  // REMOTEDESKTOP_CTL_SERVER_ANNOUNCE
	MsgDisconnect           MsgType = 5  // REMOTEDESKTOP_CTL_DISCONNECT
	MsgVersionInfo          MsgType = 6  // REMOTEDESKTOP_CTL_VERSIONINFO
	MsgIsConnected          MsgType = 7  // REMOTEDESKTOP_CTL_ISCONNECTED
	MsgVerifyPassword       MsgType = 8  // REMOTEDESKTOP_CTL_VERIFY_PASSWORD
	MsgExpertOnVista        MsgType = 9  // REMOTEDESKTOP_EXPERT_ON_VISTA
	MsgNoviceName           MsgType = 10 // REMOTEDESKTOP_CTL_RANOVICE_NAME
	MsgExpertName           MsgType = 11 // REMOTEDESKTOP_CTL_RAEXPERT_NAME
	MsgToken                MsgType = 12 // REMOTEDESKTOP_CTL_TOKEN ("only supported by version 3")
)

var msgTypeNames = [...]string{
	MsgRemoteControlDesktop: "REMOTE_CONTROL_DESKTOP",
	MsgResult:               "RESULT",
	MsgAuthenticate:         "AUTHENTICATE",
	MsgServerAnnounce:       "SERVER_ANNOUNCE",
	MsgDisconnect:           "DISCONNECT",
	MsgVersionInfo:          "VERSIONINFO",
	MsgIsConnected:          "ISCONNECTED",
	MsgVerifyPassword:       "VERIFY_PASSWORD",
	MsgExpertOnVista:        "EXPERT_ON_VISTA",
	MsgNoviceName:           "RANOVICE_NAME",
	MsgExpertName:           "RAEXPERT_NAME",
	MsgToken:                "TOKEN",
}

func (t MsgType) String() string {
	if uint64(t) < uint64(len(msgTypeNames)) && msgTypeNames[t] != "" {
		return msgTypeNames[t]
	}
	return fmt.Sprintf("MsgType(%d)", uint32(t))
}
