// Package policy loads the daemon's TOML configuration: what administrators
// set (and, later, what mirrors Windows Remote Assistance's Group Policy).
//
// Decoding is strict: an unknown key, a value of the wrong type or out of
// range is an error naming the file, the line and the key. Defaults deny
// where safety is at stake. A Policy is immutable once loaded; share it by
// pointer.
package policy

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ranoviced/ranoviced/internal/invite"
)

// Policy is the effective configuration.
type Policy struct {
	Listen     Listen     `toml:"listen"`
	Invitation Invitation `toml:"invitation"`
	Consent    Consent    `toml:"consent"`
	RDP        RDP        `toml:"rdp"`
	Capture    Capture    `toml:"capture"`
	Control    Control    `toml:"control"`
	Remote     Remote     `toml:"remote_control"`
	Bandwidth  Bandwidth  `toml:"bandwidth"`
	State      State      `toml:"state"`
}

// Bandwidth mirrors Windows Remote Assistance's "Turn on bandwidth
// optimization" policy (RA_Optimize_Bandwidth): four levels, each
// including the one before.
type Bandwidth struct {
	Level BandwidthLevel `toml:"level"`
}

// BandwidthLevel is one of Remote Assistance's four optimization levels.
type BandwidthLevel string

const (
	// BandwidthNone optimizes nothing (Windows: not configured).
	BandwidthNone BandwidthLevel = "none"
	// BandwidthNoDrag turns off full-window drag on Windows.
	BandwidthNoDrag BandwidthLevel = "no_drag"
	// BandwidthNoBackground also hides the desktop background on Windows.
	BandwidthNoBackground BandwidthLevel = "no_background"
	// BandwidthFull also limits colour to 16 bits.
	BandwidthFull BandwidthLevel = "full"
)

// MaxBitsPerPixel is the session colour depth the level allows (0: any).
// Full-window drag and the background are settings of the novice's own
// desktop session: an X11 shadowing server cannot change them, so below
// full a level changes nothing there.
func (l BandwidthLevel) MaxBitsPerPixel() uint16 {
	if l == BandwidthFull {
		return 16
	}
	return 0
}

// Listen says where the RDP server accepts connections ([MS-RA] 3.2.5: the
// novice listens on all its addresses and lists them in the invitation).
type Listen struct {
	// Port is the TCP port on every address; 0 (the default, as Windows
	// Remote Assistance does) takes a dynamic port per address.
	Port int `toml:"port"`
	// Addresses are the IP addresses to listen on. Empty (the default)
	// means every usable local address.
	Addresses []string `toml:"addresses"`
	// IPv4 and IPv6 choose the address families when listening on every
	// address.
	IPv4 bool `toml:"ipv4"`
	IPv6 bool `toml:"ipv6"`
	// Loopback includes 127.0.0.1 and ::1 when listening on every address:
	// only useful for an expert on the same machine.
	Loopback bool `toml:"loopback"`
	// LinkLocal includes fe80::/10 and 169.254.0.0/16 addresses, which
	// rarely reach an expert elsewhere.
	LinkLocal bool `toml:"link_local"`
}

// UserPassword says whether the novice may choose the invitation password.
type UserPassword string

const (
	// UserPasswordDeny: passwords are always generated (12 characters
	// without look-alikes, as Windows 7 and later do).
	UserPasswordDeny UserPassword = "deny"
	// UserPasswordAllow: the novice may give one of at least
	// MinPasswordLength characters.
	UserPasswordAllow UserPassword = "allow"
)

// Invitation holds the rules for invitations (Windows Group Policy
// "Configure Solicited Remote Assistance", "Maximum ticket time").
type Invitation struct {
	// DefaultLifetime is how long an invitation waits unless the novice
	// asks otherwise; MaxLifetime caps any request.
	DefaultLifetime Duration `toml:"default_lifetime"`
	MaxLifetime     Duration `toml:"max_lifetime"`
	// MaxWaiting is how many invitations may wait at once (Windows: one).
	MaxWaiting int `toml:"max_waiting"`
	// UserPassword and MinPasswordLength govern novice-chosen passwords.
	UserPassword      UserPassword `toml:"user_password"`
	MinPasswordLength int          `toml:"min_password_length"`
	// MaxFailedAttempts ends an invitation after this many wrong passwords.
	MaxFailedAttempts int `toml:"max_failed_attempts"`
	// EncryptedOnly writes only the encrypted ticket (LHTICKET), which
	// every expert since Windows Vista and every FreeRDP reads, as the
	// Group Policy "Allow only Windows Vista or later connections" does.
	// false also writes Connection String 1 in clear text (RCTICKET) for
	// version-1 (Windows XP) experts, revealing the invitation's ID and
	// addresses to anyone who sees the file.
	EncryptedOnly bool `toml:"encrypted_only"`
	// UserName is the novice name written into invitations; empty means
	// the login name of the user running the daemon.
	UserName string `toml:"user_name"`
}

// ConsentMode says how the novice's consent to a helper is obtained.
type ConsentMode string

const (
	// ConsentPrompt asks the novice for every helper that proved the
	// password (ranoviced pending/answer, or a desktop dialog).
	ConsentPrompt ConsentMode = "prompt"
	// ConsentAllow lets a helper who proved the password in without
	// asking: for managed help desks. It is logged for every helper.
	ConsentAllow ConsentMode = "allow"
)

// Consent holds the rules for the novice's "yes" (Windows Group Policy
// "Customize warning messages" has the text; the prompt itself is always
// there in Windows).
type Consent struct {
	// Connect is how consent to a helper viewing the desktop is obtained.
	Connect ConsentMode `toml:"connect"`
	// Timeout is how long a prompt waits; no answer means no.
	Timeout Duration `toml:"timeout"`
	// Dialog also shows a desktop dialog (zenity) when one can be shown.
	Dialog bool `toml:"dialog"`
	// Message is shown with the prompt (Group Policy "Display warning
	// message before connecting"); empty means a built-in text.
	Message string `toml:"message"`
}

// Remote holds the rules for an expert controlling the novice's keyboard
// and mouse ([MS-RA] 3.16; Windows Group Policy "Allow helpers to remotely
// control the computer"). An expert always starts view-only and must ask;
// the novice answers each request.
type Remote struct {
	// Allow lets experts ask for control; false answers every request with
	// DENIEDRC (view only).
	Allow bool `toml:"allow"`
	// Consent is how a request is decided: "prompt" asks the novice (no
	// answer means no), "allow" grants at once (managed help desks; logged).
	Consent ConsentMode `toml:"consent"`
	// PanicKey is the key that, pressed on the novice's own keyboard, takes
	// control back at once (ESCRC); keys the expert types never trigger it.
	PanicKey string `toml:"panic_key"`
	// TimeLimit ends control after this long (TAKECONTROL); the expert may
	// ask again. 0 means no limit.
	TimeLimit Duration `toml:"time_limit"`
	// ViewOnlyFrom lists address ranges (CIDR) whose experts may only
	// view: their requests get DENIEDRC.
	ViewOnlyFrom []string `toml:"view_only_from"`
	// Message is shown with the control prompt (Group Policy "Display
	// warning message before sharing control"); empty means a built-in
	// text.
	Message string `toml:"message"`
}

// panicKeyNames are the keys panic_key may name, in the order messages
// list them: keys a novice can find at once and that rarely matter to the
// expert's work.
var panicKeyNames = [...]string{"Escape", "Pause", "ScrollLock", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"}

// LookupPanicKey returns the PC/AT set-1 scancode of a panic_key name.
func LookupPanicKey(name string) (PanicKey, bool) {
	switch name {
	case "Escape":
		return PanicKey{Scancode: 0x01}, true
	case "Pause":
		return PanicKey{Scancode: 0x1d, E1: true}, true
	case "ScrollLock":
		return PanicKey{Scancode: 0x46}, true
	case "F11":
		return PanicKey{Scancode: 0x57}, true
	case "F12":
		return PanicKey{Scancode: 0x58}, true
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(name, "F")); err == nil && strings.HasPrefix(name, "F") && n >= 1 && n <= 10 && name == "F"+strconv.Itoa(n) {
		return PanicKey{Scancode: uint16(0x3a + n)}, true // F1 0x3b … F10 0x44
	}
	return PanicKey{}, false
}

// PanicKey is a key by position.
type PanicKey struct {
	Scancode uint16
	E0, E1   bool
}

// ViewOnly reports whether an expert from addr may only view.
func (r *Remote) ViewOnly(addr netip.Addr) bool {
	for _, c := range r.ViewOnlyFrom {
		if p, err := netip.ParsePrefix(c); err == nil && p.Contains(addr.Unmap()) {
			return true
		}
	}
	return false
}

// Control locates the local control endpoint that ranoviced invite,
// revoke and status talk to.
type Control struct {
	// Socket is the Unix socket path; empty means
	// $XDG_RUNTIME_DIR/ranoviced/control.sock, or
	// /run/ranoviced/control.sock for root, or \\.\pipe\ranoviced-control
	// on Windows.
	Socket string `toml:"socket"`
}

// Security names how the transport is protected.
type Security string

const (
	// SecurityAuto picks TLS when the client offers it and Standard RDP
	// Security otherwise.
	SecurityAuto Security = "auto"
	// SecurityRDP always picks Standard RDP Security (RC4 with the
	// proprietary certificate): the only mode in which a Windows Remote
	// Assistance expert can check the invitation's key hash (KH).
	SecurityRDP Security = "rdp"
	// SecurityTLS accepts only TLS.
	SecurityTLS Security = "tls"
)

// RDP holds protocol settings.
type RDP struct {
	Security Security `toml:"security"`
	// EncryptionMethods lists the RC4 key sizes (40, 56, 128) Standard RDP
	// Security may use; the strongest one the client also supports wins.
	EncryptionMethods []int `toml:"encryption_methods"`
	// HandshakeTimeout bounds the whole connection sequence, from TCP
	// accept to activation.
	HandshakeTimeout Duration `toml:"handshake_timeout"`
	// MaxPendingHandshakes caps connections still in the connection
	// sequence; more are closed at once.
	MaxPendingHandshakes int `toml:"max_pending_handshakes"`
	// MaxFrameRate caps screen updates per second per expert.
	MaxFrameRate int `toml:"max_frame_rate"`
}

// Capture selects the screen source.
type Capture struct {
	// Backend is "auto" (X11 MIT-SHM when available, else screenshot),
	// "x11" or "screenshot".
	Backend string `toml:"backend"`
	// Display is the X display; empty means $DISPLAY.
	Display string `toml:"display"`
}

// State says where the daemon keeps its server key.
type State struct {
	// Dir holds the server key and certificate. Empty means
	// $XDG_STATE_HOME/ranoviced (or ~/.local/state/ranoviced), or
	// /var/lib/ranoviced for root.
	Dir string `toml:"dir"`
}

// Duration is a time.Duration written as a Go duration string ("20s").
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration like \"20s\": %q", b)
	}
	d.Duration = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Default returns the built-in policy.
func Default() *Policy {
	return &Policy{
		Listen: Listen{IPv4: true, IPv6: true},
		Invitation: Invitation{
			DefaultLifetime:   Duration{6 * time.Hour},
			MaxLifetime:       Duration{6 * time.Hour},
			MaxWaiting:        1,
			UserPassword:      UserPasswordDeny,
			MinPasswordLength: 10,
			MaxFailedAttempts: 5,
			EncryptedOnly:     true,
		},
		RDP: RDP{
			Security:             SecurityAuto,
			EncryptionMethods:    []int{128, 56, 40},
			HandshakeTimeout:     Duration{20 * time.Second},
			MaxPendingHandshakes: 8,
			MaxFrameRate:         20,
		},
		Consent:   Consent{Connect: ConsentPrompt, Timeout: Duration{2 * time.Minute}, Dialog: true},
		Remote:    Remote{Allow: true, Consent: ConsentPrompt, PanicKey: "Escape"},
		Capture:   Capture{Backend: "auto"},
		Bandwidth: Bandwidth{Level: BandwidthNone},
	}
}

// Load reads and validates the TOML file at path over the defaults.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes TOML text (name is used in messages) over the defaults and
// validates the result.
func Parse(name string, data []byte) (*Policy, error) {
	p := Default()
	// Lists replace the default rather than append to it.
	p.RDP.EncryptionMethods = nil
	md, err := toml.Decode(string(data), p)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		return nil, fmt.Errorf("%s:%d: unknown key %q", name, lineOf(data, und[0]), k)
	}
	def := Default()
	if !md.IsDefined("rdp", "encryption_methods") {
		p.RDP.EncryptionMethods = def.RDP.EncryptionMethods
	}
	if err := p.validate(); err != nil {
		var ke *keyError
		if errors.As(err, &ke) {
			return nil, fmt.Errorf("%s:%d: %s: %s", name, lineOf(data, ke.key), ke.key, ke.msg)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

type keyError struct {
	key toml.Key
	msg string
}

func (e *keyError) Error() string { return e.key.String() + ": " + e.msg }

func bad(msg string, key ...string) error { return &keyError{key: key, msg: msg} }

func (p *Policy) validate() error {
	if p.Listen.Port < 0 || p.Listen.Port > 65535 {
		return bad("must be 0 (a dynamic port per address) to 65535", "listen", "port")
	}
	for _, a := range p.Listen.Addresses {
		host := strings.Split(a, "%")[0]
		if _, err := netip.ParseAddr(host); err != nil {
			return bad(fmt.Sprintf("%q is not an IP address", a), "listen", "addresses")
		}
	}
	if len(p.Listen.Addresses) == 0 && !p.Listen.IPv4 && !p.Listen.IPv6 {
		return bad("ipv4 and ipv6 are both off: nothing to listen on", "listen", "ipv6")
	}
	inv := p.Invitation
	if d := inv.MaxLifetime.Duration; d < time.Minute || d > 99*24*time.Hour {
		return bad("must be between 1m and 2376h (99 days, the Windows limit)", "invitation", "max_lifetime")
	}
	if d := inv.DefaultLifetime.Duration; d < time.Minute || d > inv.MaxLifetime.Duration {
		return bad(fmt.Sprintf("must be between 1m and max_lifetime (%v)", inv.MaxLifetime.Duration), "invitation", "default_lifetime")
	}
	if inv.MaxWaiting < 1 || inv.MaxWaiting > 100 {
		return bad("must be between 1 and 100", "invitation", "max_waiting")
	}
	if inv.UserPassword != UserPasswordDeny && inv.UserPassword != UserPasswordAllow {
		return bad(fmt.Sprintf("%q: want \"deny\" or \"allow\"", inv.UserPassword), "invitation", "user_password")
	}
	if inv.MinPasswordLength < 8 || inv.MinPasswordLength > 128 {
		return bad("must be between 8 and 128", "invitation", "min_password_length")
	}
	if inv.MaxFailedAttempts < 1 || inv.MaxFailedAttempts > 100 {
		return bad("must be between 1 and 100", "invitation", "max_failed_attempts")
	}
	if inv.UserName != "" {
		if err := invite.CheckUserName(inv.UserName); err != nil {
			return bad(strings.TrimPrefix(err.Error(), "invite: "), "invitation", "user_name")
		}
	}
	switch p.Consent.Connect {
	case ConsentPrompt, ConsentAllow:
	default:
		return bad(fmt.Sprintf("%q: want \"prompt\" or \"allow\"", p.Consent.Connect), "consent", "connect")
	}
	if d := p.Consent.Timeout.Duration; d < 5*time.Second || d > time.Hour {
		return bad("must be between 5s and 1h", "consent", "timeout")
	}
	if len(p.Consent.Message) > 1024 {
		return bad("must be at most 1024 characters", "consent", "message")
	}
	if err := p.Remote.validate(); err != nil {
		return err
	}
	switch p.RDP.Security {
	case SecurityAuto, SecurityRDP, SecurityTLS:
	default:
		return bad(fmt.Sprintf("%q: want \"auto\", \"rdp\" or \"tls\"", p.RDP.Security), "rdp", "security")
	}
	if len(p.RDP.EncryptionMethods) == 0 && p.RDP.Security != SecurityTLS {
		return bad("must allow at least one of 40, 56, 128 unless security = \"tls\"", "rdp", "encryption_methods")
	}
	for _, m := range p.RDP.EncryptionMethods {
		if m != 40 && m != 56 && m != 128 {
			return bad(fmt.Sprintf("%d: want 40, 56 or 128", m), "rdp", "encryption_methods")
		}
	}
	if d := p.RDP.HandshakeTimeout.Duration; d < time.Second || d > 5*time.Minute {
		return bad("must be between 1s and 5m", "rdp", "handshake_timeout")
	}
	if n := p.RDP.MaxPendingHandshakes; n < 1 || n > 1024 {
		return bad("must be between 1 and 1024", "rdp", "max_pending_handshakes")
	}
	if n := p.RDP.MaxFrameRate; n < 1 || n > 60 {
		return bad("must be between 1 and 60", "rdp", "max_frame_rate")
	}
	if !slices.Contains([]BandwidthLevel{BandwidthNone, BandwidthNoDrag, BandwidthNoBackground, BandwidthFull}, p.Bandwidth.Level) {
		return bad(fmt.Sprintf("%q: want \"none\", \"no_drag\", \"no_background\" or \"full\"", p.Bandwidth.Level), "bandwidth", "level")
	}
	if !slices.Contains([]string{"auto", "x11", "screenshot"}, p.Capture.Backend) {
		return bad(fmt.Sprintf("%q: want \"auto\", \"x11\" or \"screenshot\"", p.Capture.Backend), "capture", "backend")
	}
	return nil
}

// lineOf finds the line that sets key, by tracking [table] headers. A key
// naming a whole table points at its header. It returns 0 when it cannot
// tell (the message still names the key).
func lineOf(data []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	lines := strings.Split(string(data), "\n")
	header := "[" + strings.Join(key, ".") + "]"
	table, leaf := strings.Join(key[:len(key)-1], "."), key[len(key)-1]
	cur := ""
	for i, line := range lines {
		s := strings.TrimSpace(line)
		if s == header {
			return i + 1
		}
		if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
			cur = strings.TrimSpace(strings.Trim(s, "[]"))
			continue
		}
		k, _, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		k = strings.Trim(strings.TrimSpace(k), `"`)
		if (cur == table && k == leaf) || (cur == "" && table != "" && k == table+"."+leaf) {
			return i + 1
		}
	}
	return 0
}

func (r *Remote) validate() error {
	switch r.Consent {
	case ConsentPrompt, ConsentAllow:
	default:
		return bad(fmt.Sprintf("%q: want \"prompt\" or \"allow\"", r.Consent), "remote_control", "consent")
	}
	if _, ok := LookupPanicKey(r.PanicKey); !ok {
		return bad(fmt.Sprintf("%q: want one of %s", r.PanicKey, strings.Join(panicKeyNames[:], ", ")), "remote_control", "panic_key")
	}
	if d := r.TimeLimit.Duration; d != 0 && (d < time.Minute || d > 24*time.Hour) {
		return bad("must be 0 (no limit) or between 1m and 24h", "remote_control", "time_limit")
	}
	for _, c := range r.ViewOnlyFrom {
		if _, err := netip.ParsePrefix(c); err != nil {
			return bad(fmt.Sprintf("%q is not an address range like 10.0.0.0/8 or fd00::/8", c), "remote_control", "view_only_from")
		}
	}
	if len(r.Message) > 1024 {
		return bad("must be at most 1024 characters", "remote_control", "message")
	}
	return nil
}
