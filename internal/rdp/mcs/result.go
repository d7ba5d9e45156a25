package mcs

import "fmt"

// Result is the T.125 Result enumeration, carried by Connect-Response
// (BER) and the Attach User and Channel Join confirms (PER).
type Result uint8

const (
	ResultSuccessful             Result = 0  // rt-successful
	ResultDomainMerging          Result = 1  // rt-domain-merging
	ResultDomainNotHierarchical  Result = 2  // rt-domain-not-hierarchical
	ResultNoSuchChannel          Result = 3  // rt-no-such-channel
	ResultNoSuchDomain           Result = 4  // rt-no-such-domain
	ResultNoSuchUser             Result = 5  // rt-no-such-user
	ResultNotAdmitted            Result = 6  // rt-not-admitted
	ResultOtherUserID            Result = 7  // rt-other-user-id
	ResultParametersUnacceptable Result = 8  // rt-parameters-unacceptable
	ResultTokenNotAvailable      Result = 9  // rt-token-not-available
	ResultTokenNotPossessed      Result = 10 // rt-token-not-possessed
	ResultTooManyChannels        Result = 11 // rt-too-many-channels
	ResultTooManyTokens          Result = 12 // rt-too-many-tokens
	ResultTooManyUsers           Result = 13 // rt-too-many-users
	ResultUnspecifiedFailure     Result = 14 // rt-unspecified-failure
	ResultUserRejected           Result = 15 // rt-user-rejected
	resultCount                         = 16 // ENUMERATED without extension marker: 4 bits in PER
)

func (r Result) String() string {
	names := [resultCount]string{
		"rt-successful", "rt-domain-merging", "rt-domain-not-hierarchical", "rt-no-such-channel",
		"rt-no-such-domain", "rt-no-such-user", "rt-not-admitted", "rt-other-user-id",
		"rt-parameters-unacceptable", "rt-token-not-available", "rt-token-not-possessed",
		"rt-too-many-channels", "rt-too-many-tokens", "rt-too-many-users",
		"rt-unspecified-failure", "rt-user-rejected",
	}
	if r < resultCount {
		return names[r]
	}
	return fmt.Sprintf("Result(%d)", uint8(r))
}
