package invite

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

func TestIncidentMarshalGolden(t *testing.T) {
	inc := &Incident{
		UserName:      "awake",
		LHTicket:      vector2LHTicket,
		RCTicket:      vector2RCTicket,
		PassStub:      vector2PassStub,
		Start:         1403972263,
		LengthMinutes: 14400,
	}
	got, err := inc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// The template of ra-protocol.md §1.4 is the 2014 Windows file.
	if string(got) != vector2File {
		t.Errorf("Marshal:\n got %s\nwant %s", got, vector2File)
	}

	inc.RCTicket = ""
	got, err = inc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="awake" LHTICKET="` + vector2LHTicket +
		`" PassStub="WB^6HsrIaFmEpi" RCTICKETENCRYPTED="1" DtStart="1403972263" DtLength="14400" L="0"/></UPLOADINFO>`
	if string(got) != want {
		t.Errorf("without RCTICKET:\n got %s\nwant %s", got, want)
	}
}

func TestParseIncidentVectors(t *testing.T) {
	cases := []struct {
		name string
		file string
		want *Incident
	}{
		{"vector 1 (type 1)", vector1File, &Incident{
			UserName: "Administrator", RCTicket: vector1RCTicket, PassStub: vector1PassStub, Start: 1314905741, LengthMinutes: 180,
		}},
		{"vector 2 (Windows 2014)", vector2File, &Incident{
			UserName: "awake", LHTicket: vector2LHTicket, RCTicket: vector2RCTicket, PassStub: vector2PassStub, Start: 1403972263, LengthMinutes: 14400,
		}},
		{"vector 3 (Windows 2024, LHTICKET abbreviated)", vector3File, &Incident{
			UserName: "fx", LHTicket: vector3LHTicketAbbrev, PassStub: vector3PassStub, Start: 1704288424, LengthMinutes: 360,
		}},
		{"line breaks and other attribute order", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<UPLOADINFO TYPE=\"Escalated\">\r\n" +
			"<UPLOADDATA L=\"1\" DtLength=\"1\" DtStart=\"0\" RCTICKETENCRYPTED=\"1\"\r\n PassStub=\"" + vector3PassStub +
			"\" LHTICKET=\"" + vector3LHTicketAbbrev + "\" USERNAME=\"A B\" />\r\n</UPLOADINFO>\r\n", &Incident{
			UserName: "A B", LHTicket: vector3LHTicketAbbrev, PassStub: vector3PassStub, Start: 0, LengthMinutes: 1,
		}},
		{"no XML declaration", strings.TrimPrefix(vector3File, `<?xml version="1.0"?>`), &Incident{
			UserName: "fx", LHTicket: vector3LHTicketAbbrev, PassStub: vector3PassStub, Start: 1704288424, LengthMinutes: 360,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseIncident([]byte(c.file))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			b, err := got.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			again, err := ParseIncident(b)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(got, again); d != "" {
				t.Errorf("after Marshal (-first +second):\n%s", d)
			}
		})
	}
}

func TestIncidentExpiry(t *testing.T) {
	inc := &Incident{Start: 1704288424, LengthMinutes: 360}
	if got := inc.Expiry(); got != 1704288424+6*3600 {
		t.Errorf("Expiry = %d", got)
	}
}

func TestIncidentMarshalRejects(t *testing.T) {
	ok := func() *Incident {
		return &Incident{UserName: "novice", LHTicket: vector3LHTicketAbbrev, PassStub: vector3PassStub, Start: 1, LengthMinutes: 360}
	}
	cases := []struct {
		name   string
		modify func(*Incident)
		errHas string
	}{
		{"empty USERNAME", func(i *Incident) { i.UserName = "" }, "USERNAME is empty"},
		{"quote in USERNAME", func(i *Incident) { i.UserName = `a"b` }, "USERNAME contains"},
		{"ampersand in USERNAME", func(i *Incident) { i.UserName = "a&b" }, "USERNAME contains"},
		{"line break in USERNAME", func(i *Incident) { i.UserName = "a\nb" }, "USERNAME contains a control character"},
		{"DEL in USERNAME", func(i *Incident) { i.UserName = "a\x7f" }, "USERNAME contains a control character"},
		{"invalid UTF-8 in USERNAME", func(i *Incident) { i.UserName = "a\xff" }, "USERNAME is not valid UTF-8"},
		{"no ticket", func(i *Incident) { i.LHTicket = "" }, "neither LHTICKET nor RCTICKET"},
		{"lower-case LHTICKET", func(i *Incident) { i.LHTicket = strings.ToLower(i.LHTicket) }, "LHTICKET contains"},
		{"odd LHTICKET", func(i *Incident) { i.LHTicket += "0" }, "LHTICKET must have"},
		{"bad RCTICKET", func(i *Incident) { i.RCTicket = "65538,1" }, "RCTICKET is not a valid connection string 1"},
		{"empty PassStub", func(i *Incident) { i.PassStub = "" }, "PassStub is empty"},
		{"ampersand in PassStub", func(i *Incident) { i.PassStub = "ab&cd" }, "PassStub contains"},
		{"less-than in PassStub", func(i *Incident) { i.PassStub = "ab<cd" }, "PassStub contains"},
		{"space in PassStub", func(i *Incident) { i.PassStub = "ab cd" }, "PassStub contains"},
		{"negative DtStart", func(i *Incident) { i.Start = -1 }, "DtStart is out of range"},
		{"DtStart beyond 32 bits", func(i *Incident) { i.Start = 1 << 32 }, "DtStart is out of range"},
		{"zero DtLength", func(i *Incident) { i.LengthMinutes = 0 }, "DtLength is out of range"},
		{"negative DtLength", func(i *Incident) { i.LengthMinutes = -5 }, "DtLength is out of range"},
		{"too long", func(i *Incident) { i.UserName = strings.Repeat("a", MaxIncidentSize) }, "longer than"},
		// Values that FreeRDP would read as another attribute.
		{"USERNAME ends in \" L=\"", func(i *Incident) { i.UserName = "Bob L=" }, "misread L"},
		{"USERNAME ends in LHTICKET= in a type-1 file", func(i *Incident) {
			i.LHTicket, i.RCTicket, i.UserName = "", vector1RCTicket, "xLHTICKET="
		}, "misread LHTICKET"},
		{"USERNAME ends in PassStub=", func(i *Incident) { i.UserName = "xPassStub=" }, "misread PassStub"},
		{"USERNAME ends in DtStart=", func(i *Incident) { i.UserName = "xDtStart=" }, "misread DtStart"},
		{"USERNAME ends in RCTICKET=", func(i *Incident) { i.UserName = "xRCTICKET=" }, "misread RCTICKET"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := ok()
			c.modify(inc)
			b, err := inc.Marshal()
			if err == nil {
				t.Fatalf("accepted: %s", b)
			}
			if !strings.Contains(err.Error(), c.errHas) || !strings.HasPrefix(err.Error(), "invite: incident: ") {
				t.Errorf("error %q, want it to contain %q", err, c.errHas)
			}
		})
	}
}

func TestParseIncidentRejects(t *testing.T) {
	good := vector3File
	swap := func(old, new string) string {
		if !strings.Contains(good, old) {
			panic(old)
		}
		return strings.Replace(good, old, new, 1)
	}
	utf16File := func() string {
		var b []byte
		for _, u := range utf16.Encode([]rune(good)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return string(b)
	}
	cases := []struct{ name, in string }{
		{"empty", ""},
		{"UTF-16", utf16File()},
		{"UTF-8 BOM", "\xef\xbb\xbf" + good},
		{"NUL at the end", good + "\x00"},
		{"too long", good + strings.Repeat(" ", MaxIncidentSize)},
		{"escaped ampersand in PassStub", swap(vector3PassStub, "e4=3CiFuM6h2q&amp;")},
		{"character reference", swap(`USERNAME="fx"`, `USERNAME="f&#x78;"`)},
		{"declared UTF-16", swap(`<?xml version="1.0"?>`, `<?xml version="1.0" encoding="Unicode"?>`)},
		{"XML 1.1", swap(`version="1.0"`, `version="1.1"`)},
		{"whitespace before the declaration", " " + good},
		{"DOCTYPE", swap(`<UPLOADINFO `, `<!DOCTYPE UPLOADINFO><UPLOADINFO `)},
		{"comment", swap(`<UPLOADDATA`, `<!-- c --><UPLOADDATA`)},
		{"processing instruction", swap(`<UPLOADDATA`, `<?pi x?><UPLOADDATA`)},
		{"text", swap(`<UPLOADDATA`, `x<UPLOADDATA`)},
		{"root not UPLOADINFO", strings.ReplaceAll(good, "UPLOADINFO", "X")},
		{"TYPE not Escalated", swap(`TYPE="Escalated"`, `TYPE="Unsolicited"`)},
		{"no TYPE", swap(` TYPE="Escalated"`, ``)},
		{"unknown attribute on UPLOADINFO", swap(`TYPE="Escalated"`, `TYPE="Escalated" X="1"`)},
		{"two UPLOADDATA", swap(`</UPLOADINFO>`, `<UPLOADDATA/></UPLOADINFO>`)},
		{"child in UPLOADDATA", swap(`L="0"/>`, `L="0"><X/></UPLOADDATA>`)},
		{"unknown attribute", swap(`L="0"`, `L="0" X="1"`)},
		{"duplicate attribute", swap(`L="0"`, `L="0" L="0"`)},
		{"lower-case attribute name", swap(`PassStub=`, `passstub=`)},
		{"no USERNAME", swap(`USERNAME="fx" `, ``)},
		{"empty USERNAME", swap(`USERNAME="fx"`, `USERNAME=""`)},
		{"no PassStub", swap(` PassStub="`+vector3PassStub+`"`, ``)},
		{"no DtStart", swap(` DtStart="1704288424"`, ``)},
		{"no DtLength", swap(` DtLength="360"`, ``)},
		{"no L", swap(` L="0"`, ``)},
		{"no RCTICKETENCRYPTED", swap(` RCTICKETENCRYPTED="1"`, ``)},
		{"RCTICKETENCRYPTED 0", swap(`RCTICKETENCRYPTED="1"`, `RCTICKETENCRYPTED="0"`)},
		{"L 2", swap(`L="0"`, `L="2"`)},
		{"no ticket", swap(` LHTICKET="`+vector3LHTicketAbbrev+`"`, ``)},
		{"empty LHTICKET", swap(`LHTICKET="`+vector3LHTicketAbbrev+`"`, `LHTICKET=""`)},
		{"empty RCTICKET", swap(`L="0"`, `L="0" RCTICKET=""`)},
		{"lower-case LHTICKET", swap(vector3LHTicketAbbrev, strings.ToLower(vector3LHTicketAbbrev))},
		{"short LHTICKET", swap(vector3LHTicketAbbrev, vector3LHTicketAbbrev[:30])},
		{"DtStart with a leading zero", swap(`DtStart="1704288424"`, `DtStart="01704288424"`)},
		{"DtStart in hex", swap(`DtStart="1704288424"`, `DtStart="0x1"`)},
		{"DtStart negative", swap(`DtStart="1704288424"`, `DtStart="-1"`)},
		{"DtStart beyond 32 bits", swap(`DtStart="1704288424"`, `DtStart="4294967296"`)},
		{"DtLength zero", swap(`DtLength="360"`, `DtLength="0"`)},
		{"DtLength with a space", swap(`DtLength="360"`, `DtLength=" 360"`)},
		{"control character in USERNAME", swap(`USERNAME="fx"`, "USERNAME=\"f\x01x\"")},
		{"greater-than in USERNAME", swap(`USERNAME="fx"`, `USERNAME="f>x"`)},
		{"value misread by FreeRDP", swap(`USERNAME="fx"`, `USERNAME="fx L="`)},
		{"unclosed", strings.TrimSuffix(good, "</UPLOADINFO>")},
		{"trailing element", good + "<X/>"},
		{"namespace", swap(`<UPLOADINFO `, `<UPLOADINFO xmlns="urn:x" `)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseIncident([]byte(c.in))
			if err == nil {
				t.Fatalf("accepted: %+v", got)
			}
			if !strings.HasPrefix(err.Error(), "invite: incident: ") {
				t.Errorf("error %q lacks the prefix", err)
			}
		})
	}
}
