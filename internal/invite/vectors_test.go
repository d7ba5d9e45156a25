package invite

import "strings"

// Test data from ra-protocol.md, Appendix and §3.4: the Windows invitation
// files and values that FreeRDP's TestCommonAssistance.c carries, as
// recomputed there. The files are reconstructed from the attributes the
// notes list, in the attribute order of the originals.

// Vector 1: a type-1 (RCTICKET only) file, MS Open Specifications blog
// 2011. Password "Password1".
const (
	vector1Password = "Password1"
	vector1PassStub = "RT=0PvIndan52*"
	vector1RCTicket = "65538,1,10.0.3.105:3389;winxpsp3.contoso3.com:3389,*,rb+v0oPmEISmi8N2zK/vuhgul/ABqlDt6wW0VxMyxK8=,*,*,IuaRySSbPDNna4+2mKcsKxsbJFI="
	vector1File     = `<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="Administrator" RCTICKET="` + vector1RCTicket + `" RCTICKETENCRYPTED="1" DtStart="1314905741" DtLength="180" PassStub="` + vector1PassStub + `" L="0"/></UPLOADINFO>`
)

// Vector 2: a type-2 file written by Windows in 2014. Password
// "48BJQ853X3B4".
const (
	vector2Password = "48BJQ853X3B4"
	vector2PassStub = "WB^6HsrIaFmEpi"
	vector2RCTicket = "65538,1,192.168.1.200:49230;169.254.6.170:49231,*,+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL,*,*,BNRjdu97DyczQSRuMRrDWoue+HA="
	// vector2CS2 is the exact decrypted LHTICKET, CR LF included.
	vector2CS2 = `<E><A KH="BNRjdu97DyczQSRuMRrDWoue+HA=" ID="+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL"/><C><T ID="1" SID="0"><L P="49228" N="fe80::1032:53d9:5a01:909b%3"/><L P="49229" N="fe80::3d8f:9b2d:6b4e:6aa%6"/><L P="49230" N="192.168.1.200"/><L P="49231" N="169.254.6.170"/></T></C></E>` + "\r\n"
)

// vector2LHTicket is the LHTICKET of vector 2 (1216 hex digits).
var vector2LHTicket = strings.Join([]string{
	"20FCC407AA53E95F8505AB56D485D26835064B03AF86CDA326248FD304626AD4",
	"DBDBDFFE0C473228EFFF7A1E6CEB445BBEC429294BB6616BBB600854438DDFB5",
	"82FC377CF65A2060EB3221647643C9B29BF5EC320856180B34D1BE9827A528C7",
	"E8F0DCD53C8D38F974160FEE317458FAC9DBDBA7B972D21DF3BC5B1AF0E01878",
	"65F07A3B915618C03E6EAF843FC1185770A1208C29C836DBCA5A040CB276D3C4",
	"1DDE2FA8CA9627E5E74FA750A92C0E01AD6C3D1000A5B1479DEB899BF5BCD402",
	"CE3BB3BF104CE0286C3F985AA711943C88C5EEEEE86F35B63F68883A90ADBCFD",
	"CBBAE3EAB993EFD9148E1A21D092CE9498695943946236D65D20B4A38D724C61",
	"72319E38E19C04E98EBC03F56A4A190E971F8EAEBFE6B415A3A2D8F35F7BF785",
	"26B9BFAAB48D11BDD6C905EFE503D2265678E1EAD2F2F124E570667F04103180",
	"2F63587276C14E6A5AB436CE234F722CE7C9B5D244508F14C012E84A49FE6992",
	"3F30320ABB3641F1EFA66205F3EA709E7E1C3E6874BB9642486FB96D2730CDF4",
	"514AA738167F00FC13B2978AED1D6678413FDF62008B03DD729E36173BE02742",
	"B69CAD44938512D0F56335394759338AF6ADBCF39CE829116D97435085D05BB5",
	"9320A134698050DCDBE01305A6B4712FD6BD48958BD2DC497498FF35CAECC9A8",
	"2C97FD1A5B5EC4BAF5FFB75A1471B765C465B35A7C950019066BB219B391C6E9",
	"8AE8FD2038E774F36F226D9FB9A38BCC313785612165D1EF69D19E2B9CF6E0F7",
	"FE1ECCF00AB81F9E8B626363CA82FAC719A3B7D243325C9D6042B2488EC95B80",
	"A31273FF9B72FBBB86F946E6D3DF8816BE4533F0B547C8BC028309EA9784C1E6",
}, "")

// vector2File is the complete vector-2 file.
var vector2File = `<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="awake" LHTICKET="` + vector2LHTicket + `" RCTICKET="` + vector2RCTicket + `" PassStub="` + vector2PassStub + `" RCTICKETENCRYPTED="1" DtStart="1403972263" DtLength="14400" L="0"/></UPLOADINFO>`

// Vector 3: a type-2 file written by Windows in 2024 (no RCTICKET). Password
// "4X638PTVZTKZ". The notes give only the first and last 32 of the 5824
// LHTICKET digits; vector3LHTicketAbbrev joins them (two AES blocks), which
// is enough for parsing the file but cannot be decrypted.
const (
	vector3Password       = "4X638PTVZTKZ"
	vector3PassStub       = "e4=3CiFuM6h2qH"
	vector3LHTicketAbbrev = "F9BBA098D84E1B20E37CD0983D9336B1" + "3B71D1740B1775967CFC984BC2D22C15"
	vector3File           = `<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="fx" LHTICKET="` + vector3LHTicketAbbrev + `" PassStub="` + vector3PassStub + `" RCTICKETENCRYPTED="1" DtStart="1704288424" DtLength="360" L="0"/></UPLOADINFO>`
	// vector3CS2 has the structure of vector 3's decrypted LHTICKET; the
	// notes abbreviate the 1 KB CE certificate, replaced here by a short
	// base64 value with one &#xA; line break, as Windows writes them.
	vector3CS2 = `<E><A KH="0Xc54LdpNOVklt8sOsnDJ+uVuJY=" KH2="sha256:ouBL64tmjIDg3kif5vSrcvMqWn1xkVehBGNcmnQ/iS4=" CE="MIIC4jCC&#xA;KSvAOusRCA==" ID="x71Z31da9Vbtnu13p0YHxoi99oE4bC0OHyoNLpLDGsEo7pJJJPDkhFUVlCGquycl"/><C><T ID="1" SID="0"><L P="64730" N="fe80::b31a:3308:6b91:8831%3"/><L P="64731" N="fe80::28e3:b9b:c19c:4d04%9"/><L P="64732" N="2001:0:284a:364:28e3:b9b:c19c:4d04"/><L P="64733" N="10.0.1.174"/></T></C></E>` + "\r\n"
)

// raiExampleCS2 is the Connection String 2 example of [MS-RAI] 2.2.2 (with
// KH2), laid out with line breaks as FreeRDP's test transcribes it.
const raiExampleCS2 = "<E>\n" +
	"<A KH=\"YiKwWUY8Ioq5NB3wAQHSbs5kwrM=\"\n" +
	"KH2=\"sha256:wKSAkAV3sBfa9WpuRFJcP9q1twJc6wOBuoJ9tsyXwpk=\"\n" +
	"ID=\"8rYm30RBW8/4dAWoUsWbFCF5jno/7jr5tNpHQc2goLbw4uuBBJvLsU02YYLlBMg5\"/>\n" +
	"<C>\n" +
	"<T ID=\"1\" SID=\"1440550163\">\n" +
	"<L P=\"49749\" N=\"2001:4898:1a:5:79e2:3356:9b22:3470\"/>\n" +
	"<L P=\"49751\" N=\"172.31.250.64\"/>\n" +
	"</T>\n" +
	"</C>\n" +
	"</E>"

// raiExampleCS1 is the Connection String 1 example of [MS-RAI] 2.2.1
// (printed there across two lines).
const raiExampleCS1 = "65538,1,172.31.243.138:3389;MIKE_HOME:3389,*,Uj7RpOlU80SibpRwRZ9+z1vbh7nIgVn89X1AiKp15Vc=,*,*,RcfwecK8dpcT1fjZ6iQ5M0+q7iU="
