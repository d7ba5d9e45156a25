package caps

import "testing"

func TestShare(t *testing.T) {
	runGolden(t, []goldenCase[*Share]{{
		name: "bcgr-4.1.12-server", // pad2octets is uninitialised
		raw: `09 00 08 00 # CAPSTYPE_SHARE, 8
		      ea 03       # nodeID: 0x03ea
		      dc e2       # pad2octets`,
		want: &Share{NodeID: 0x03EA}, decodeOnly: true,
	}, {
		name: "server",
		raw:  "09 00 08 00 ea 03 00 00",
		want: &Share{NodeID: 0x03EA},
	}, {
		name: "bcgr-4.1.13-client",
		raw:  "09 00 08 00 00 00 00 00",
		want: &Share{},
	}}, func() *Share { return new(Share) })
}
