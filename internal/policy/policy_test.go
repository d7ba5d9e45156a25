package policy

import (
	"net/netip"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestDefaultsAreValid(t *testing.T) {
	if err := Default().validate(); err != nil {
		t.Fatal(err)
	}
}

func TestParse(t *testing.T) {
	p, err := Parse("a.toml", []byte(`
[listen]
addresses = ["127.0.0.1"]
port = 4489

[rdp]
security = "rdp"
encryption_methods = [128]
handshake_timeout = "5s"
`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Listen.Addresses[0] != "127.0.0.1" || p.Listen.Port != 4489 || p.RDP.Security != SecurityRDP ||
		len(p.RDP.EncryptionMethods) != 1 || p.RDP.HandshakeTimeout.Duration != 5*time.Second ||
		p.RDP.MaxPendingHandshakes != 8 {
		t.Fatalf("got %+v", p)
	}
}

func TestParseErrorsNameFileLineAndKey(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{
		{"unknown key", "[rdp]\nsecurity = \"tls\"\nsecurty = \"rdp\"\n", `x.toml:3: unknown key "rdp.securty"`},
		{"unknown table", "[nope]\na = 1\n", `x.toml:1: unknown key "nope"`},
		{"bad enum", "[rdp]\n\nsecurity = \"none\"\n", `x.toml:3: rdp.security: "none"`},
		{"bad method", "[rdp]\nencryption_methods = [64]\n", `x.toml:2: rdp.encryption_methods: 64`},
		{"bad duration", "[rdp]\nhandshake_timeout = \"soon\"\n", `x.toml:`},
		{"bad address", "[listen]\naddresses = [\"nowhere\"]\n", `x.toml:2: listen.addresses`},
		{"bad port", "[listen]\nport = 70000\n", `x.toml:2: listen.port`},
		{"bad bandwidth level", "[bandwidth]\nlevel = \"low\"\n", `x.toml:2: bandwidth.level: "low": want "none", "no_drag", "no_background" or "full"`},
		{"no family", "[listen]\nipv4 = false\nipv6 = false\n", `x.toml:3: listen.ipv6`},
		{"lifetime above max", "[invitation]\nmax_lifetime = \"1h\"\ndefault_lifetime = \"2h\"\n", `x.toml:3: invitation.default_lifetime: must be between 1m and max_lifetime (1h0m0s)`},
		{"user password value", "[invitation]\nuser_password = \"yes\"\n", `x.toml:2: invitation.user_password`},
		{"user name quote", "[invitation]\nuser_name = \"a\\\"b\"\n", `x.toml:2: invitation.user_name`},
		{"syntax", "[rdp\n", `x.toml:2: expected`},
		{"wrong type", "[rdp]\nmax_frame_rate = \"fast\"\n", `x.toml:`},
		{"out of range", "[rdp]\nmax_frame_rate = 0\n", `x.toml:2: rdp.max_frame_rate: must be between 1 and 60`},
		{"control consent", "[remote_control]\nconsent = \"ask\"\n", `x.toml:2: remote_control.consent: "ask": want "prompt" or "allow"`},
		{"panic key", "[remote_control]\npanic_key = \"Space\"\n", `x.toml:2: remote_control.panic_key: "Space": want one of Escape, Pause, ScrollLock, F1,`},
		{"control time limit", "[remote_control]\ntime_limit = \"10s\"\n", `x.toml:2: remote_control.time_limit: must be 0 (no limit) or between 1m and 24h`},
		{"view-only range", "[remote_control]\nview_only_from = [\"10.0.0.0/33\"]\n", `x.toml:2: remote_control.view_only_from: "10.0.0.0/33"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tt.toml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}

func TestExampleConfigParses(t *testing.T) {
	data, err := os.ReadFile("../../configs/ranoviced.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("configs/ranoviced.toml", data); err != nil {
		t.Fatal(err)
	}
}

// TestExampleConfigSetsEveryKey keeps configs/ranoviced.toml complete: every
// key of the schema appears in it (with its default).
func TestExampleConfigSetsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../configs/ranoviced.toml")
	if err != nil {
		t.Fatal(err)
	}
	var p Policy
	md, err := toml.Decode(string(data), &p)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(prefix []string, typ reflect.Type)
	walk = func(prefix []string, typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			key := append(append([]string(nil), prefix...), f.Tag.Get("toml"))
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[Duration]() {
				walk(key, f.Type)
				continue
			}
			if !md.IsDefined(key...) {
				t.Errorf("configs/ranoviced.toml does not set %s", strings.Join(key, "."))
			}
		}
	}
	walk(nil, reflect.TypeFor[Policy]())
	if def := Default(); !reflect.DeepEqual(normalize(&p), normalize(def)) {
		t.Errorf("the example's values differ from the defaults:\n example %+v\n default %+v", p, *def)
	}
}

// normalize makes nil and empty lists compare equal.
func normalize(p *Policy) Policy {
	q := *p
	if len(q.Listen.Addresses) == 0 {
		q.Listen.Addresses = nil
	}
	if len(q.Remote.ViewOnlyFrom) == 0 {
		q.Remote.ViewOnlyFrom = nil
	}
	return q
}

func TestRemoteViewOnly(t *testing.T) {
	p, err := Parse("x.toml", []byte("[remote_control]\nview_only_from = [\"192.0.2.0/24\", \"2001:db8::/32\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]bool{
		"192.0.2.7": true, "::ffff:192.0.2.7": true, "2001:db8::1": true, "198.51.100.1": false, "::1": false,
	} {
		if got := p.Remote.ViewOnly(netip.MustParseAddr(addr)); got != want {
			t.Errorf("ViewOnly(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestLookupPanicKey(t *testing.T) {
	for _, name := range panicKeyNames {
		if _, ok := LookupPanicKey(name); !ok {
			t.Errorf("%s is listed but not known", name)
		}
	}
	for name, want := range map[string]PanicKey{"Escape": {Scancode: 1}, "F1": {Scancode: 0x3b}, "F10": {Scancode: 0x44}, "F12": {Scancode: 0x58}, "Pause": {Scancode: 0x1d, E1: true}} {
		if got, _ := LookupPanicKey(name); got != want {
			t.Errorf("%s = %+v, want %+v", name, got, want)
		}
	}
	for _, name := range []string{"", "F0", "F13", "F01", "f1", "Esc", "F+1"} {
		if _, ok := LookupPanicKey(name); ok {
			t.Errorf("%q accepted", name)
		}
	}
}
