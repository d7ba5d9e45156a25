package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestShare(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Share]{{
		Name: "bcgr-4.1.12-server", // pad2octets is uninitialised
		Raw: `09 00 08 00 # CAPSTYPE_SHARE, 8
		      ea 03       # nodeID: 0x03ea
		      dc e2       # pad2octets`,
		Want: &Share{NodeID: 0x03EA}, DecodeOnly: true,
	}, {
		Name: "server",
		Raw:  "09 00 08 00 ea 03 00 00",
		Want: &Share{NodeID: 0x03EA},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw:  "09 00 08 00 00 00 00 00",
		Want: &Share{},
	}}, func() *Share { return new(Share) })
}
