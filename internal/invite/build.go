package invite

import (
	"errors"
	"fmt"
	"strings"
)

// DefaultLifetimeMinutes is the lifetime of an invitation when none is
// given: 6 hours, the Windows default (feature-anchors.md §1b).
const DefaultLifetimeMinutes = 360

// BuildParams is everything an invitation is made of. The caller draws the
// random parts (NewPassword, NewPassStub, NewID) and reads the clock, so
// Build is deterministic.
type BuildParams struct {
	// Password protects the invitation: NewPassword's, or one the novice
	// chose that passed CheckUserPassword with the policy's minimum.
	Password string
	// PassStub is 14 characters of [A-Za-z0-9*_!@#$^()-+=] (NewPassStub).
	PassStub string
	// ID is the Authorization String Identifier (NewID).
	ID string
	// KH and KH2 are the key hashes of the server's proprietary
	// certificate (stdsec.KeyHashes); KH2 may be empty.
	KH, KH2 string
	// Listeners are the addresses the novice listens on, most reachable
	// first. Build passes them through ForFreeRDP211.
	Listeners []Listener
	// UserName is the novice's name (see CheckUserName).
	UserName string
	// Start is the creation time in Unix seconds (DtStart).
	Start int64
	// LifetimeMinutes is the validity (DtLength); 0 means
	// DefaultLifetimeMinutes.
	LifetimeMinutes int
	// WriteRCTicket also writes Connection String 1 into the file as
	// RCTICKET, like Windows before 2024. Off by default: Windows Vista and
	// later and every FreeRDP use the LHTICKET of a type-2 file, and
	// RCTICKET would give the addresses and ID in clear text to anyone who
	// sees the file.
	WriteRCTicket bool
}

// String describes p without its password, so that printing the
// parameters (%v, %+v) never leaks it.
func (p BuildParams) String() string {
	id := p.ID
	if len(id) > 8 {
		id = id[:8] + "…"
	}
	return fmt.Sprintf("invite.BuildParams{ID: %q, UserName: %q, Listeners: %v, Start: %d, LifetimeMinutes: %d, WriteRCTicket: %v, Password: [redacted]}",
		id, p.UserName, p.Listeners, p.Start, p.LifetimeMinutes, p.WriteRCTicket)
}

// GoString is String, so %#v prints no password either.
func (p BuildParams) GoString() string { return p.String() }

// Invitation is what Build returns. It holds no password.
type Invitation struct {
	// ConnectionString2 is the connection string as written, its
	// Listeners extended by ForFreeRDP211.
	ConnectionString2 *ConnectionString2
	// ConnectionString2Text is ConnectionString2.Marshal(): the plaintext
	// of LHTICKET, which FreeRDP 3.x sends back as its ticket when a file
	// has no RCTICKET.
	ConnectionString2Text string
	// ConnectionString1 is ConnectionString1(ConnectionString2), or empty
	// when there is no IPv4 or host-name listener. It is in the file only
	// with WriteRCTicket.
	ConnectionString1 string
	// Incident is the file's content; File is Incident.Marshal(), to be
	// saved with a name ending in ".msrcIncident".
	Incident *Incident
	File     []byte
	// ReadableByFreeRDP211 is false when every <L> has a host of 8
	// characters or fewer: FreeRDP 2.11.7 would then reject the file for
	// want of an address (only a short host name can cause this).
	ReadableByFreeRDP211 bool
}

// Build makes a type-2 invitation: it checks the parameters, writes
// Connection String 2 (with ForFreeRDP211 applied to the listeners),
// encrypts it under the password into LHTICKET, and writes the file. The
// errors name what is wrong and never contain the password.
func Build(p BuildParams) (*Invitation, error) {
	if err := CheckUserPassword(p.Password, 1); err != nil {
		return nil, err
	}
	if err := checkPassStub(p.PassStub); err != nil {
		return nil, err
	}
	if err := CheckUserName(p.UserName); err != nil {
		return nil, err
	}
	lifetime := p.LifetimeMinutes
	switch {
	case lifetime == 0:
		lifetime = DefaultLifetimeMinutes
	case lifetime < 0:
		return nil, errors.New("invite: lifetime is negative")
	}
	cs2 := &ConnectionString2{ID: p.ID, KH: p.KH, KH2: p.KH2, Listeners: ForFreeRDP211(p.Listeners)}
	text, err := cs2.Marshal()
	if err != nil {
		return nil, err
	}
	inv := &Invitation{ConnectionString2: cs2, ConnectionString2Text: text}
	inv.ConnectionString1, _ = ConnectionString1(cs2)
	for _, l := range cs2.Listeners {
		if len(l.Host) >= freeRDP211MinHost {
			inv.ReadableByFreeRDP211 = true
		}
	}
	inv.Incident = &Incident{
		UserName:      p.UserName,
		LHTicket:      TicketHex(EncryptTicket(p.Password, text)),
		PassStub:      p.PassStub,
		Start:         p.Start,
		LengthMinutes: lifetime,
	}
	if p.WriteRCTicket {
		inv.Incident.RCTicket = inv.ConnectionString1
	}
	if inv.File, err = inv.Incident.Marshal(); err != nil {
		return nil, err
	}
	return inv, nil
}

// checkPassStub reports why s is not a PassStub Build accepts: 14
// characters of [A-Za-z0-9*_!@#$^()-+=], the Windows character set without
// '&'.
func checkPassStub(s string) error {
	if len(s) != PassStubLength {
		return fmt.Errorf("invite: PassStub must have %d characters", PassStubLength)
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(passStubAny+passStubSpecial, rune(s[i])) {
			return errors.New("invite: PassStub must contain only A-Z a-z 0-9 and *_!@#$^()-+=")
		}
	}
	return nil
}
