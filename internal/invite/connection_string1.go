package invite

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// maxConnectionString1Size bounds a parsed Connection String 1.
const maxConnectionString1Size = MaxConnectionString2Size

// ConnectionString1 returns the Remote Assistance Connection String 1 of
// [MS-RAI] 2.2.1 that goes with cs, the RCTICKET of an invitation file:
//
//	65538,1,host:port;host:port,*,ID,*,*,KH
//
// ProtocolVersion "65538" and protocolType "1" are fixed; assistantAccountPwd,
// RASessionName and RASessionPwd are "*"; RASessionID is cs.ID and
// protocolSpecificParms is cs.KH, as in the 2014 Windows sample (ra-protocol.md
// §2.3).
//
// machineAddressList holds only the IPv4 and host-name listeners: an IPv6
// literal's colons cannot be told from the host:port separator, and Windows
// leaves IPv6 listeners out too. ConnectionString1 returns false when no
// listener is left, when cs is not valid (see Marshal), or when ID or KH
// contains a comma (the string has exactly eight comma-separated fields).
func ConnectionString1(cs *ConnectionString2) (string, bool) {
	if cs == nil || cs.check() != nil || strings.Contains(cs.ID, ",") || strings.Contains(cs.KH, ",") {
		return "", false
	}
	var addrs []string
	for _, l := range cs.Listeners {
		if strings.Contains(l.Host, ":") {
			continue
		}
		addrs = append(addrs, l.Host+":"+strconv.Itoa(int(l.Port)))
	}
	if len(addrs) == 0 {
		return "", false
	}
	return "65538,1," + strings.Join(addrs, ";") + ",*," + cs.ID + ",*,*," + cs.KH, true
}

// ParseConnectionString1 parses a Connection String 1 strictly: exactly
// eight comma-separated fields, "65538", "1", a non-empty list of
// host:port separated by ";" (ports 1..65535 in decimal without leading
// zeros, hosts as in Listener), "*", a non-empty RASessionID, "*", "*" and
// a non-empty protocolSpecificParms. It returns the RASessionID as ID, the
// protocolSpecificParms as KH and the addresses as Listeners, so that
// ConnectionString1 of the result gives s back.
//
// [MS-RAI] 2.2.1 gives the grammar; FreeRDP checks the same fixed fields
// (ra-protocol.md §2.1).
func ParseConnectionString1(s string) (*ConnectionString2, error) {
	if len(s) > maxConnectionString1Size {
		return nil, fmt.Errorf("invite: connection string 1: longer than %d bytes", maxConnectionString1Size)
	}
	f := strings.Split(s, ",")
	if len(f) != 8 {
		return nil, fmt.Errorf("invite: connection string 1: %d fields, want 8", len(f))
	}
	// [MS-RAI] 2.2.1: ProtocolVersion "MUST be 65,538"; protocolType "MUST
	// be 1"; assistantAccountPwd, RASessionName and RASessionPwd "MUST be
	// set to "*"".
	switch {
	case f[0] != "65538":
		return nil, errors.New("invite: connection string 1: ProtocolVersion is not 65538")
	case f[1] != "1":
		return nil, errors.New("invite: connection string 1: protocolType is not 1")
	case f[3] != "*" || f[5] != "*" || f[6] != "*":
		return nil, errors.New("invite: connection string 1: assistantAccountPwd, RASessionName and RASessionPwd must be *")
	}
	// machineAddressList: "a semicolon-delimited list of IPAddress(or
	// computer name):PortID string pairs. The IPAddress is of type IPV4."
	cs := &ConnectionString2{ID: f[4], KH: f[7]}
	for i, a := range strings.Split(f[2], ";") {
		host, port, ok := strings.Cut(a, ":")
		p, err := parseDecimal(port, 65535)
		if !ok || err != nil || p == 0 {
			return nil, fmt.Errorf("invite: connection string 1: address %d: want host:port with a port 1..65535", i)
		}
		l := Listener{Host: host, Port: uint16(p)}
		if err := l.check(); err != nil {
			return nil, fmt.Errorf("invite: connection string 1: address %d: %w", i, err)
		}
		cs.Listeners = append(cs.Listeners, l)
	}
	if err := checkToken(cs.ID); err != nil {
		return nil, fmt.Errorf("invite: connection string 1: RASessionID %w", err)
	}
	if err := checkToken(cs.KH); err != nil {
		return nil, fmt.Errorf("invite: connection string 1: protocolSpecificParms %w", err)
	}
	return cs, nil
}
