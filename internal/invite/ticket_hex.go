package invite

import (
	"crypto/aes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// TicketHex writes an LHTICKET ciphertext as the invitation file carries
// it: upper-case hex, two digits per byte ([MS-RAI] 8 <20>; both Windows
// samples are upper-case).
func TicketHex(ciphertext []byte) string {
	return strings.ToUpper(hex.EncodeToString(ciphertext))
}

// ParseTicketHex reads an LHTICKET value strictly: upper-case hex digits
// only, a whole number of AES blocks (32 digits each), at least one and at
// most MaxTicketSize bytes. (FreeRDP also reads lower case; nothing writes
// it.)
func ParseTicketHex(s string) ([]byte, error) {
	if err := checkTicketHex(s); err != nil {
		return nil, fmt.Errorf("invite: LHTICKET %w", err)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, errors.New("invite: LHTICKET is not hex") // unreachable after checkTicketHex
	}
	return b, nil
}

func checkTicketHex(s string) error {
	if s == "" || len(s)%(2*aes.BlockSize) != 0 || len(s) > 2*MaxTicketSize {
		return fmt.Errorf("must have a multiple of %d hex digits, at most %d", 2*aes.BlockSize, 2*MaxTicketSize)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'A' <= c && c <= 'F') {
			return errors.New("contains a character other than 0-9 and A-F")
		}
	}
	return nil
}
