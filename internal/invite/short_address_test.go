package invite

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForFreeRDP211(t *testing.T) {
	cases := []struct {
		name     string
		in, want []Listener
	}{
		{"long entries unchanged", []Listener{{"192.168.1.200", 1}, {"host.example", 2}, {"fe80::1%3x", 3}},
			[]Listener{{"192.168.1.200", 1}, {"host.example", 2}, {"fe80::1%3x", 3}}},
		{"9 characters kept alone", []Listener{{"10.0.0.50", 1}}, []Listener{{"10.0.0.50", 1}}},
		{"IPv4 of 8 characters", []Listener{{"10.0.0.5", 3389}}, []Listener{{"10.0.0.5", 3389}, {"::ffff:10.0.0.5", 3389}}},
		{"short IPv4", []Listener{{"1.2.3.4", 7}}, []Listener{{"1.2.3.4", 7}, {"::ffff:1.2.3.4", 7}}},
		{"IPv6 loopback", []Listener{{"::1", 3389}}, []Listener{{"::1", 3389}, {"0:0:0:0:0:0:0:1", 3389}}},
		{"IPv6 unspecified", []Listener{{"::", 1}}, []Listener{{"::", 1}, {"0:0:0:0:0:0:0:0", 1}}},
		{"IPv6 link-local", []Listener{{"fe80::1", 1}}, []Listener{{"fe80::1", 1}, {"fe80:0:0:0:0:0:0:1", 1}}},
		{"IPv6 with zone", []Listener{{"fe80::1%3", 1}}, []Listener{{"fe80::1%3", 1}}}, // 9 characters: kept by 2.11.7
		{"short IPv6 with zone", []Listener{{"::1%lo", 1}}, []Listener{{"::1%lo", 1}, {"0:0:0:0:0:0:0:1%lo", 1}}},
		{"IPv6 upper case", []Listener{{"::A", 1}}, []Listener{{"::A", 1}, {"0:0:0:0:0:0:0:a", 1}}},
		{"short host name has no long form", []Listener{{"pc1", 3389}, {"novice", 1}}, []Listener{{"pc1", 3389}, {"novice", 1}}},
		{"leading-zero IPv4 is a host name", []Listener{{"01.2.3.4", 1}}, []Listener{{"01.2.3.4", 1}}},
		{"long form right after its short one", []Listener{{"10.0.0.5", 1}, {"host.example", 2}, {"::1", 3}},
			[]Listener{{"10.0.0.5", 1}, {"::ffff:10.0.0.5", 1}, {"host.example", 2}, {"::1", 3}, {"0:0:0:0:0:0:0:1", 3}}},
		{"long form already listed", []Listener{{"::1", 1}, {"0:0:0:0:0:0:0:1", 1}}, []Listener{{"::1", 1}, {"0:0:0:0:0:0:0:1", 1}}},
		{"same address twice", []Listener{{"::1", 1}, {"::1", 1}}, []Listener{{"::1", 1}, {"0:0:0:0:0:0:0:1", 1}, {"::1", 1}}},
		{"other port is another listener", []Listener{{"::1", 1}, {"::1", 2}},
			[]Listener{{"::1", 1}, {"0:0:0:0:0:0:0:1", 1}, {"::1", 2}, {"0:0:0:0:0:0:0:1", 2}}},
		{"empty", nil, []Listener{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := append([]Listener(nil), c.in...)
			got := ForFreeRDP211(c.in)
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if d := cmp.Diff(in, c.in); d != "" {
				t.Errorf("input modified:\n%s", d)
			}
			for _, l := range got {
				if len(l.Host) < freeRDP211MinHost {
					if _, ok := longHost(l.Host); ok && !containsLongFormOf(got, l) {
						t.Errorf("%s has no long form", l.Host)
					}
				}
			}
		})
	}
}

func containsLongFormOf(ls []Listener, short Listener) bool {
	long, _ := longHost(short.Host)
	for _, l := range ls {
		if l.Host == long && l.Port == short.Port && len(l.Host) >= freeRDP211MinHost {
			return true
		}
	}
	return false
}
