package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// EncryptionMethod is a Standard RDP Security encryption method
// ([MS-RDPBCGR] 5.3.1). In TS_UD_CS_SEC (2.2.1.3.3) it is a set of the
// methods the client supports; in TS_UD_SC_SEC1 (2.2.1.4.3) it is the one
// method the server selected.
type EncryptionMethod uint32

// Encryption methods, [MS-RDPBCGR] 2.2.1.3.3 and 2.2.1.4.3.
const (
	EncryptionMethodNone   EncryptionMethod = 0x00000000 // ENCRYPTION_METHOD_NONE
	EncryptionMethod40Bit  EncryptionMethod = 0x00000001 // ENCRYPTION_METHOD_40BIT, 40BIT_ENCRYPTION_FLAG
	EncryptionMethod128Bit EncryptionMethod = 0x00000002 // ENCRYPTION_METHOD_128BIT, 128BIT_ENCRYPTION_FLAG
	EncryptionMethod56Bit  EncryptionMethod = 0x00000008 // ENCRYPTION_METHOD_56BIT, 56BIT_ENCRYPTION_FLAG
	EncryptionMethodFIPS   EncryptionMethod = 0x00000010 // ENCRYPTION_METHOD_FIPS, FIPS_ENCRYPTION_FLAG
)

// Has reports whether every method in m2 is in m.
func (m EncryptionMethod) Has(m2 EncryptionMethod) bool { return m&m2 == m2 }

func (m EncryptionMethod) String() string {
	if m == EncryptionMethodNone {
		return "NONE"
	}
	return wire.FormatFlags(uint64(m), []wire.Flag{
		{Bits: uint64(EncryptionMethod40Bit), Name: "40BIT"},
		{Bits: uint64(EncryptionMethod56Bit), Name: "56BIT"},
		{Bits: uint64(EncryptionMethod128Bit), Name: "128BIT"},
		{Bits: uint64(EncryptionMethodFIPS), Name: "FIPS"},
	})
}

// EncryptionLevel is the Standard RDP Security encryption level the server
// announces in TS_UD_SC_SEC1, [MS-RDPBCGR] 2.2.1.4.3 and 5.3.1.
type EncryptionLevel uint32

// Encryption levels, [MS-RDPBCGR] 2.2.1.4.3.
const (
	EncryptionLevelNone             EncryptionLevel = 0 // ENCRYPTION_LEVEL_NONE
	EncryptionLevelLow              EncryptionLevel = 1 // ENCRYPTION_LEVEL_LOW: client-to-server traffic only
	EncryptionLevelClientCompatible EncryptionLevel = 2 // ENCRYPTION_LEVEL_CLIENT_COMPATIBLE
	EncryptionLevelHigh             EncryptionLevel = 3 // ENCRYPTION_LEVEL_HIGH
	EncryptionLevelFIPS             EncryptionLevel = 4 // ENCRYPTION_LEVEL_FIPS
)

func (l EncryptionLevel) String() string {
	switch l {
	case EncryptionLevelNone:
		return "NONE"
	case EncryptionLevelLow:
		return "LOW"
	case EncryptionLevelClientCompatible:
		return "CLIENT_COMPATIBLE"
	case EncryptionLevelHigh:
		return "HIGH"
	case EncryptionLevelFIPS:
		return "FIPS"
	}
	return fmt.Sprintf("EncryptionLevel(%d)", uint32(l))
}

// CheckEncryption reports whether a server may announce method at level, per
// [MS-RDPBCGR] 5.3.2: "If the Encryption Level is zero, then the Encryption
// Method is zero (the converse is also true)", and "if the Encryption Level
// is set to FIPS, then the Encryption Method selects only FIPS-compatible
// methods". The method must be exactly one method. This is the check
// FreeRDP 2.11's client applies (gcc.c gcc_read_server_security_data): LOW,
// CLIENT_COMPATIBLE and HIGH allow 40-bit, 56-bit, 128-bit or FIPS.
func CheckEncryption(method EncryptionMethod, level EncryptionLevel) error {
	ok := false
	switch level {
	case EncryptionLevelNone:
		ok = method == EncryptionMethodNone
	case EncryptionLevelLow, EncryptionLevelClientCompatible, EncryptionLevelHigh:
		switch method {
		case EncryptionMethod40Bit, EncryptionMethod56Bit, EncryptionMethod128Bit, EncryptionMethodFIPS:
			ok = true
		}
	case EncryptionLevelFIPS:
		ok = method == EncryptionMethodFIPS
	default:
		return fmt.Errorf("gcc: unknown encryption level %v", level)
	}
	if !ok {
		return fmt.Errorf("gcc: encryption method %v is not allowed at level %v ([MS-RDPBCGR] 5.3.2)", method, level)
	}
	return nil
}
