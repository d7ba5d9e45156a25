package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// The T.124 ConnectData wrapper ([T124] 9.5, 9.6) around both GCC PDUs, as
// [MS-RDPBCGR] 2.2.1.3 and 2.2.1.4 use it:
//
//	ConnectData ::= SEQUENCE { t124Identifier Key, connectPDU OCTET STRING }
//	Key ::= CHOICE { object OBJECT IDENTIFIER, h221NonStandard H221NonStandardIdentifier }
//	UserData ::= SET OF SEQUENCE { key Key, value OCTET STRING OPTIONAL }
//
// t124Identifier is always the object 0.0.20.124.0.1, and the userData of
// the Conference Create PDUs is always one set whose key is an
// h221NonStandard of 4 bytes ("Duca" from the client, "McDn" from the
// server) and whose value is the settings data blocks.

const (
	// keyChoiceObject selects Key::object: one CHOICE bit, 0, padded.
	keyChoiceObject = 0x00
	// userDataSetCount is the SET OF count of the userData: one set.
	userDataSetCount = 1
	// userDataChoice is the UserData SEQUENCE preamble: value present (1),
	// then Key CHOICE h221NonStandard (1), padded: 0b11000000.
	userDataChoice = 0xC0
	// h221KeyMin is the lower bound of H221NonStandardIdentifier, OCTET
	// STRING (SIZE (4..255)); RDP's keys are exactly that long.
	h221KeyMin = 4
	// h221ClientKey is the client-to-server H.221 key.
	h221ClientKey = "Duca"
	// h221ServerKey is the server-to-client H.221 key.
	h221ServerKey = "McDn"

	// connectDataKeySize is Key::object: the CHOICE byte and the
	// OBJECT IDENTIFIER (length byte and five octets).
	connectDataKeySize = 1 /* Key CHOICE */ + 1 /* OID length */ + 5 /* OID */
)

// readConnectDataKey reads ConnectData::t124Identifier and checks it is the
// T.124 object identifier.
func readConnectDataKey(r *wire.Reader) error {
	choice := per.ReadChoice(r)
	if err := r.Err(); err != nil {
		return err
	}
	if choice != keyChoiceObject {
		return r.Failf("ConnectData::t124Identifier", "Key CHOICE %#02x, want object (%#02x)", choice, keyChoiceObject)
	}
	oid := per.ReadObjectIdentifier(r)
	if err := r.Err(); err != nil {
		return err
	}
	if oid != per.T124OID() {
		return r.Failf("ConnectData::t124Identifier", "object %v, want %v", oid, per.T124OID())
	}
	return nil
}

// appendConnectDataKey appends ConnectData::t124Identifier.
func appendConnectDataKey(b []byte) ([]byte, error) {
	return per.AppendObjectIdentifier(append(b, keyChoiceObject), per.T124OID())
}

// readUserData reads the userData SET OF up to and including the length of
// its one value, checks the H.221 key, and returns the value's length and
// the size of its length determinant.
func readUserData(r *wire.Reader, key string) (length, lengthSize int, err error) {
	sets := per.ReadNumberOfSets(r)
	choice := per.ReadChoice(r)
	if err := r.Err(); err != nil {
		return 0, 0, err
	}
	if sets != userDataSetCount {
		return 0, 0, r.Failf("UserData", "%d sets, want %d", sets, userDataSetCount)
	}
	if choice != userDataChoice {
		return 0, 0, r.Failf("UserData", "preamble %#02x, want value present and h221NonStandard (%#02x)", choice, userDataChoice)
	}
	k := per.ReadOctetString(r, h221KeyMin)
	if err := r.Err(); err != nil {
		return 0, 0, err
	}
	if string(k) != key {
		return 0, 0, r.Failf("h221NonStandard", "key %q, want %q", k, key)
	}
	start := r.Offset()
	length = per.ReadLength(r)
	if err := r.Err(); err != nil {
		return 0, 0, err
	}
	return length, r.Offset() - start, nil
}

// userDataHeaderSize is the size appendUserData writes before the value.
func userDataHeaderSize(length int) int {
	return 1 /* SET OF count */ + 1 /* preamble */ + 1 /* key length */ + h221KeyMin /* key */ +
		per.LengthSize(length) /* value length */
}

// appendUserData appends the userData SET OF up to and including the length
// of its one value.
func appendUserData(b []byte, key string, length int) ([]byte, error) {
	b = append(b, userDataSetCount, userDataChoice)
	b, err := per.AppendOctetString(b, []byte(key), h221KeyMin)
	if err != nil {
		return b, err
	}
	b, err = per.AppendLength(b, length)
	if err != nil {
		return b, fmt.Errorf("gcc: userData of %d bytes: %w", length, err)
	}
	return b, nil
}
