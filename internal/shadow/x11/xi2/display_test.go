package xi2

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDisplay(t *testing.T) {
	local := func(n int) []endpoint {
		sock := "/tmp/.X11-unix/X" + strconv.Itoa(n)
		return []endpoint{{"unix", "@" + sock}, {"unix", sock}}
	}
	tests := []struct {
		name string
		want display
	}{
		{":0", display{number: 0, screen: 0, endpoints: local(0)}},
		{":12", display{number: 12, endpoints: local(12)}},
		{":1.2", display{number: 1, screen: 2, endpoints: local(1)}},
		{"unix:3", display{number: 3, endpoints: local(3)}},
		{"unix/:4.1", display{number: 4, screen: 1, endpoints: local(4)}},
		{"unix/anyhost:5", display{number: 5, endpoints: local(5)}},
		{"localhost:10.0", display{number: 10, endpoints: []endpoint{{"tcp", "localhost:6010"}}}},
		{"example.org:0", display{number: 0, endpoints: []endpoint{{"tcp", "example.org:6000"}}}},
		{"tcp/example.org:2", display{number: 2, endpoints: []endpoint{{"tcp", "example.org:6002"}}}},
		{"tcp/:1", display{number: 1, endpoints: []endpoint{{"tcp", "localhost:6001"}}}},
		{"inet/10.0.0.1:1", display{number: 1, endpoints: []endpoint{{"tcp", "10.0.0.1:6001"}}}},
		{"[::1]:1", display{number: 1, endpoints: []endpoint{{"tcp", "[::1]:6001"}}}},
		{"inet6/[fe80::1]:0.1", display{number: 0, screen: 1, endpoints: []endpoint{{"tcp6", "[fe80::1]:6000"}}}},
		{"/run/user/1000/X11-socket", display{endpoints: []endpoint{{"unix", "/run/user/1000/X11-socket"}}}},
		{"/private/tmp/com.apple.launchd.abc/org.xquartz:0", display{endpoints: []endpoint{{"unix", "/private/tmp/com.apple.launchd.abc/org.xquartz:0"}}}},
		{"/private/tmp/launchd/org.xquartz:1.2", display{number: 1, screen: 2, endpoints: []endpoint{{"unix", "/private/tmp/launchd/org.xquartz:1"}}}},
		{"/weird:dir/sock", display{endpoints: []endpoint{{"unix", "/weird:dir/sock"}}}},
	}
	for _, tt := range tests {
		got, err := parseDisplay(tt.name)
		if err != nil {
			t.Errorf("parseDisplay(%q): %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(display{}, endpoint{})); diff != "" {
			t.Errorf("parseDisplay(%q) (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestParseDisplayRejects(t *testing.T) {
	for _, name := range []string{
		"",
		"0",
		"host",
		":",
		":x",
		":-1",
		":1.",
		":1.x",
		":1.2.3",
		": 1",
		":123456",
		"host:60000", // 6000+60000 is not a port
		"decnet::0",
		"[::1:0",
		"[]:0",
		"sctp/host:0",
		"/sock:x",
	} {
		if d, err := parseDisplay(name); err == nil {
			t.Errorf("parseDisplay(%q) = %+v, want an error", name, d)
		}
	}
}
