package mcs

import "fmt"

// Reason is the T.125 Reason enumeration of a Disconnect Provider
// Ultimatum.
type Reason uint8

const (
	ReasonDomainDisconnected Reason = 0 // rn-domain-disconnected
	ReasonProviderInitiated  Reason = 1 // rn-provider-initiated
	ReasonTokenPurged        Reason = 2 // rn-token-purged
	ReasonUserRequested      Reason = 3 // rn-user-requested
	ReasonChannelPurged      Reason = 4 // rn-channel-purged
	reasonCount                     = 5 // ENUMERATED without extension marker: 3 bits in PER
)

func (r Reason) String() string {
	names := [reasonCount]string{
		"rn-domain-disconnected", "rn-provider-initiated", "rn-token-purged",
		"rn-user-requested", "rn-channel-purged",
	}
	if r < reasonCount {
		return names[r]
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}
