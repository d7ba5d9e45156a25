package ctlchan

import "testing"

func TestClassifyChannel(t *testing.T) {
	for name, want := range map[string]ChannelKind{
		"RC_CTL":                   KindControl,
		"remdesk":                  KindControl,
		"70":                       KindChat,
		"71":                       KindShareControl,
		"RA_FX":                    KindFileTransfer,
		".":                        KindFileTransfer,
		"1000.":                    KindFileTransfer,
		"1000.612009461":           KindFileTransfer,
		"172.31.251.165.612009461": KindFileTransfer, // [MS-RA] 2.2.1.2's example
		"72":                       KindUnknown,
		"rc_ctl":                   KindUnknown,
		"1..2":                     KindUnknown,
		".5":                       KindUnknown,
		"5.":                       KindUnknown,
		"a.b":                      KindUnknown,
		"":                         KindUnknown,
	} {
		if got := ClassifyChannel(name); got != want {
			t.Errorf("ClassifyChannel(%q) = %v, want %v", name, got, want)
		}
	}
	if (SubChannel{Name: "70"}).Kind() != KindChat || KindFileTransfer.String() != "file-transfer" || ChannelKind(0).String() != "ChannelKind(0)" {
		t.Error("Kind / String")
	}
}
