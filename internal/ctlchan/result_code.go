package ctlchan

import "fmt"

// Result is a Remote Assistance error code, [MS-RA] 2.2.6: the result of
// REMOTEDESKTOP_CTL_RESULT and the reason a Disconnect action gives.
type Result uint32

// The codes of [MS-RA] 2.2.6.
const (
	ResultNoError                   Result = 0   // SAFERROR_NOERROR
	ResultNoInfo                    Result = 1   // SAFERROR_NOINFO
	ResultLocalNotError             Result = 3   // SAFERROR_LOCALNOTERROR: disconnected by the local user
	ResultRemoteByUser              Result = 4   // SAFERROR_REMOTEBYUSER: disconnected by the remote user
	ResultByServer                  Result = 5   // SAFERROR_BYSERVER
	ResultDNSLookupFailed           Result = 6   // SAFERROR_DNSLOOKUPFAILED
	ResultOutOfMemory               Result = 7   // SAFERROR_OUTOFMEMORY
	ResultConnectionTimedOut        Result = 8   // SAFERROR_CONNECTIONTIMEDOUT
	ResultSocketConnectFailed       Result = 9   // SAFERROR_SOCKETCONNECTFAILED
	ResultHostNotFound              Result = 11  // SAFERROR_HOSTNOTFOUND
	ResultWinsockSendFailed         Result = 12  // SAFERROR_WINSOCKSENDFAILED
	ResultInvalidIPAddr             Result = 14  // SAFERROR_INVALIDIPADDR
	ResultSocketRecvFailed          Result = 15  // SAFERROR_SOCKETRECVFAILED
	ResultInvalidEncryption         Result = 18  // SAFERROR_INVALIDENCRYPTION
	ResultGetHostByNameFailed       Result = 20  // SAFERROR_GETHOSTBYNAMEFAILED
	ResultLicensingFailed           Result = 21  // SAFERROR_LICENSINGFAILED
	ResultEncryptionError           Result = 22  // SAFERROR_ENCRYPTIONERROR
	ResultDecryptionError           Result = 23  // SAFERROR_DECRYPTIONERROR
	ResultInvalidParameterString    Result = 24  // SAFERROR_INVALIDPARAMETERSTRING
	ResultHelpSessionNotFound       Result = 25  // SAFERROR_HELPSESSIONNOTFOUND
	ResultInvalidPassword           Result = 26  // SAFERROR_INVALIDPASSWORD ("only used in version 1")
	ResultHelpSessionExpired        Result = 27  // SAFERROR_HELPSESSIONEXPIRED
	ResultCantOpenResolver          Result = 28  // SAFERROR_CANTOPENRESOLVER
	ResultUnknownSessMgrError       Result = 29  // SAFERROR_UNKNOWNSESSMGRERROR
	ResultCantFormLinkToUserSession Result = 30  // SAFERROR_CANTFORMLINKTOUSERSESSION
	ResultRCProtocolError           Result = 32  // SAFERROR_RCPROTOCOLERROR
	ResultRCUnknownError            Result = 33  // SAFERROR_RCUNKNOWNERROR
	ResultInternalError             Result = 34  // SAFERROR_INTERNALERROR
	ResultHelpeeResponsePending     Result = 35  // SAFERROR_HELPEERESPONSEPENDING (not used)
	ResultHelpeeSaidYes             Result = 36  // SAFERROR_HELPEESAIDYES (not used)
	ResultHelpeeAlreadyBeingHelped  Result = 37  // SAFERROR_HELPEEALREADYBEINGHELPED
	ResultHelpeeConsideringHelp     Result = 38  // SAFERROR_HELPEECONSIDERINGHELP (not used)
	ResultHelpeeNeverResponded      Result = 40  // SAFERROR_HELPEENEVERRESPONDED
	ResultHelpeeSaidNo              Result = 41  // SAFERROR_HELPEESAIDNO
	ResultHelpSessionAccessDenied   Result = 42  // SAFERROR_HELPSESSIONACCESSDENIED
	ResultUserNotFound              Result = 43  // SAFERROR_USERNOTFOUND
	ResultSessMgrErrorNotInit       Result = 44  // SAFERROR_SESSMGRERRORNOTINIT
	ResultSelfHelpNotSupported      Result = 45  // SAFERROR_SELFHELPNOTSUPPORTED
	ResultIncompatibleVersion       Result = 47  // SAFERROR_INCOMPATIBLEVERSION ("only used in version 1")
	ResultSessionNotConnected       Result = 48  // SAFERROR_SESSIONNOTCONNECTED (not used)
	ResultSystemShutdown            Result = 50  // SAFERROR_SYSTEMSHUTDOWN
	ResultStopListenByUser          Result = 51  // SAFERROR_STOPLISTENBYUSER
	ResultWinsockFailed             Result = 52  // SAFERROR_WINSOCK_FAILED
	ResultMismatchParms             Result = 53  // SAFERROR_MISMATCHPARMS
	ResultPasswordsDontMatch        Result = 61  // PASSWORDS_DONT_MATCH ("only used in version 2")
	ResultShadowEndBase             Result = 300 // SAFERROR_SHADOWEND_BASE
	ResultShadowEndConfigChange     Result = 301 // SAFERROR_SHADOWEND_CONFIGCHANGE
	ResultShadowEndUnknown          Result = 302 // SAFERROR_SHADOWEND_UNKNOWN
)

var resultNames = map[Result]string{
	ResultNoError:                   "SAFERROR_NOERROR",
	ResultNoInfo:                    "SAFERROR_NOINFO",
	ResultLocalNotError:             "SAFERROR_LOCALNOTERROR",
	ResultRemoteByUser:              "SAFERROR_REMOTEBYUSER",
	ResultByServer:                  "SAFERROR_BYSERVER",
	ResultDNSLookupFailed:           "SAFERROR_DNSLOOKUPFAILED",
	ResultOutOfMemory:               "SAFERROR_OUTOFMEMORY",
	ResultConnectionTimedOut:        "SAFERROR_CONNECTIONTIMEDOUT",
	ResultSocketConnectFailed:       "SAFERROR_SOCKETCONNECTFAILED",
	ResultHostNotFound:              "SAFERROR_HOSTNOTFOUND",
	ResultWinsockSendFailed:         "SAFERROR_WINSOCKSENDFAILED",
	ResultInvalidIPAddr:             "SAFERROR_INVALIDIPADDR",
	ResultSocketRecvFailed:          "SAFERROR_SOCKETRECVFAILED",
	ResultInvalidEncryption:         "SAFERROR_INVALIDENCRYPTION",
	ResultGetHostByNameFailed:       "SAFERROR_GETHOSTBYNAMEFAILED",
	ResultLicensingFailed:           "SAFERROR_LICENSINGFAILED",
	ResultEncryptionError:           "SAFERROR_ENCRYPTIONERROR",
	ResultDecryptionError:           "SAFERROR_DECRYPTIONERROR",
	ResultInvalidParameterString:    "SAFERROR_INVALIDPARAMETERSTRING",
	ResultHelpSessionNotFound:       "SAFERROR_HELPSESSIONNOTFOUND",
	ResultInvalidPassword:           "SAFERROR_INVALIDPASSWORD",
	ResultHelpSessionExpired:        "SAFERROR_HELPSESSIONEXPIRED",
	ResultCantOpenResolver:          "SAFERROR_CANTOPENRESOLVER",
	ResultUnknownSessMgrError:       "SAFERROR_UNKNOWNSESSMGRERROR",
	ResultCantFormLinkToUserSession: "SAFERROR_CANTFORMLINKTOUSERSESSION",
	ResultRCProtocolError:           "SAFERROR_RCPROTOCOLERROR",
	ResultRCUnknownError:            "SAFERROR_RCUNKNOWNERROR",
	ResultInternalError:             "SAFERROR_INTERNALERROR",
	ResultHelpeeResponsePending:     "SAFERROR_HELPEERESPONSEPENDING",
	ResultHelpeeSaidYes:             "SAFERROR_HELPEESAIDYES",
	ResultHelpeeAlreadyBeingHelped:  "SAFERROR_HELPEEALREADYBEINGHELPED",
	ResultHelpeeConsideringHelp:     "SAFERROR_HELPEECONSIDERINGHELP",
	ResultHelpeeNeverResponded:      "SAFERROR_HELPEENEVERRESPONDED",
	ResultHelpeeSaidNo:              "SAFERROR_HELPEESAIDNO",
	ResultHelpSessionAccessDenied:   "SAFERROR_HELPSESSIONACCESSDENIED",
	ResultUserNotFound:              "SAFERROR_USERNOTFOUND",
	ResultSessMgrErrorNotInit:       "SAFERROR_SESSMGRERRORNOTINIT",
	ResultSelfHelpNotSupported:      "SAFERROR_SELFHELPNOTSUPPORTED",
	ResultIncompatibleVersion:       "SAFERROR_INCOMPATIBLEVERSION",
	ResultSessionNotConnected:       "SAFERROR_SESSIONNOTCONNECTED",
	ResultSystemShutdown:            "SAFERROR_SYSTEMSHUTDOWN",
	ResultStopListenByUser:          "SAFERROR_STOPLISTENBYUSER",
	ResultWinsockFailed:             "SAFERROR_WINSOCK_FAILED",
	ResultMismatchParms:             "SAFERROR_MISMATCHPARMS",
	ResultPasswordsDontMatch:        "PASSWORDS_DONT_MATCH",
	ResultShadowEndBase:             "SAFERROR_SHADOWEND_BASE",
	ResultShadowEndConfigChange:     "SAFERROR_SHADOWEND_CONFIGCHANGE",
	ResultShadowEndUnknown:          "SAFERROR_SHADOWEND_UNKNOWN",
}

func (r Result) String() string {
	if s, ok := resultNames[r]; ok {
		return s
	}
	return fmt.Sprintf("Result(%d)", uint32(r))
}
