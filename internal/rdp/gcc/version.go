package gcc

import "fmt"

// RDPVersion is the version field of TS_UD_CS_CORE ([MS-RDPBCGR] 2.2.1.3.2)
// and TS_UD_SC_CORE (2.2.1.4.2): the major version in the high 16 bits, the
// minor version in the low 16 bits.
type RDPVersion uint32

// RDP versions, [MS-RDPBCGR] 2.2.1.3.2 and 2.2.1.4.2.
const (
	RDPVersion4     RDPVersion = 0x00080001 // RDP 4.0
	RDPVersion5Plus RDPVersion = 0x00080004 // RDP 5.0, 5.1, 5.2, 6.0, 6.1, 7.0, 7.1, 8.0 and 8.1
	RDPVersion10    RDPVersion = 0x00080005 // RDP 10.0
	RDPVersion10_1  RDPVersion = 0x00080006 // RDP 10.1
	RDPVersion10_2  RDPVersion = 0x00080007 // RDP 10.2
	RDPVersion10_3  RDPVersion = 0x00080008 // RDP 10.3
	RDPVersion10_4  RDPVersion = 0x00080009 // RDP 10.4
	RDPVersion10_5  RDPVersion = 0x0008000A // RDP 10.5
	RDPVersion10_6  RDPVersion = 0x0008000B // RDP 10.6
	RDPVersion10_7  RDPVersion = 0x0008000C // RDP 10.7
	RDPVersion10_8  RDPVersion = 0x0008000D // RDP 10.8
	RDPVersion10_9  RDPVersion = 0x0008000E // RDP 10.9
	RDPVersion10_10 RDPVersion = 0x0008000F // RDP 10.10
	RDPVersion10_11 RDPVersion = 0x00080010 // RDP 10.11
	RDPVersion10_12 RDPVersion = 0x00080011 // RDP 10.12
)

func (v RDPVersion) String() string {
	switch {
	case v == RDPVersion4:
		return "RDP 4.0"
	case v == RDPVersion5Plus:
		return "RDP 5.0-8.1"
	case v == RDPVersion10:
		return "RDP 10.0"
	case v > RDPVersion10 && v <= RDPVersion10_12:
		return fmt.Sprintf("RDP 10.%d", v-RDPVersion10)
	}
	return fmt.Sprintf("RDP version 0x%08X", uint32(v))
}
