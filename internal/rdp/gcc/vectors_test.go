package gcc

import "github.com/ranoviced/ranoviced/internal/rdp/rdptest"

// Golden vectors shared by the tests of this package.
//
// bcgr413* are the GCC part of the Client MCS Connect Initial PDU of
// [MS-RDPBCGR] 4.1.3 (the userData of Connect-Initial, 307 bytes), and
// bcgr414* the GCC part of the Server MCS Connect Response PDU of 4.1.4
// (287 bytes), transcribed from the annotated dumps, one field per line.
//
// xfreerdp* have the shape xfreerdp 2.11.7 sends with its defaults
// (rdp-server.md §0.2 case A; gcc.c gcc_write_client_data_blocks): the same
// blocks, field values and order, with a made-up client name.
//
// ranoviced* have the shape of the response ranoviced sends under TLS: SC_CORE
// of 16 bytes, SC_NET, SC_SECURITY with encryption NONE, and
// SC_MCS_MSGCHANNEL, in FreeRDP's server order (gcc.c
// gcc_write_server_data_blocks).

const bcgr413Wrapper = `
	00                     # ConnectData::t124Identifier: Key CHOICE object
	05 00 14 7c 00 01      # OBJECT IDENTIFIER 0.0.20.124.0.1
	81 2a                  # ConnectData::connectPDU length = 298
	00                     # ConnectGCCPDU CHOICE conferenceCreateRequest
	08                     # ConferenceCreateRequest: userData present
	00 10                  # conferenceName "1"
	00                     # locked/listed/conductible FALSE, terminationMethod automatic
	01                     # userData: one set
	c0                     # value present, Key CHOICE h221NonStandard
	00 44 75 63 61         # h221NonStandard "Duca"
	81 1c                  # userData value length = 284
`

const bcgr413Core = `
	01 c0 d8 00            # TS_UD_HEADER: CS_CORE, length 216
	04 00 08 00            # version: RDP 5.0-8.1 (0x00080004)
	00 05                  # desktopWidth: 1280
	00 04                  # desktopHeight: 1024
	01 ca                  # colorDepth: RNS_UD_COLOR_8BPP
	03 aa                  # SASSequence: RNS_UD_SAS_DEL
	09 04 00 00            # keyboardLayout: 0x409 (English, US)
	ce 0e 00 00            # clientBuild: 3790
	45 00 4c 00 54 00 4f 00 4e 00 53 00 2d 00 44 00 # clientName: "ELTONS-DEV2"
	45 00 56 00 32 00 00 00 00 00 00 00 00 00 00 00
	04 00 00 00            # keyboardType: 4 (IBM enhanced)
	00 00 00 00            # keyboardSubType: 0
	0c 00 00 00            # keyboardFunctionKey: 12
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # imeFileName: ""
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	01 ca                  # postBeta2ColorDepth: RNS_UD_COLOR_8BPP
	01 00                  # clientProductId: 1
	00 00 00 00            # serialNumber: 0
	18 00                  # highColorDepth: 24 bpp
	07 00                  # supportedColorDepths: 24, 16, 15 bpp
	01 00                  # earlyCapabilityFlags: RNS_UD_CS_SUPPORT_ERRINFO_PDU
	36 00 39 00 37 00 31 00 32 00 2d 00 37 00 38 00 # clientDigProductId: "69712-783-0357974-42714"
	33 00 2d 00 30 00 33 00 35 00 37 00 39 00 37 00
	34 00 2d 00 34 00 32 00 37 00 31 00 34 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00                     # connectionType: 0 (RNS_UD_CS_VALID_CONNECTION_TYPE not set)
	00                     # pad1octet
	00 00 00 00            # serverSelectedProtocol: PROTOCOL_RDP
`

const bcgr413Cluster = `
	04 c0 0c 00            # TS_UD_HEADER: CS_CLUSTER, length 12
	0d 00 00 00            # Flags: REDIRECTION_SUPPORTED, REDIRECTED_SESSIONID_FIELD_VALID, REDIRECTION_VERSION4
	00 00 00 00            # RedirectedSessionID: 0
`

const bcgr413Security = `
	02 c0 0c 00            # TS_UD_HEADER: CS_SECURITY, length 12
	1b 00 00 00            # encryptionMethods: 40BIT, 128BIT, 56BIT, FIPS
	00 00 00 00            # extEncryptionMethods: 0
`

const bcgr413Net = `
	03 c0 2c 00            # TS_UD_HEADER: CS_NET, length 44
	03 00 00 00            # channelCount: 3
	72 64 70 64 72 00 00 00 # CHANNEL_DEF name: "rdpdr"
	00 00 80 80            # options: INITIALIZED, COMPRESS_RDP
	63 6c 69 70 72 64 72 00 # CHANNEL_DEF name: "cliprdr"
	00 00 a0 c0            # options: INITIALIZED, ENCRYPT_RDP, COMPRESS_RDP, SHOW_PROTOCOL
	72 64 70 73 6e 64 00 00 # CHANNEL_DEF name: "rdpsnd"
	00 00 00 c0            # options: INITIALIZED, ENCRYPT_RDP
`

func bcgr413CoreValue() ClientCoreData {
	return ClientCoreData{
		Version:                RDPVersion5Plus,
		DesktopWidth:           1280,
		DesktopHeight:          1024,
		ColorDepth:             ColorDepth8BPP,
		SASSequence:            SASSequenceDel,
		KeyboardLayout:         0x409,
		ClientBuild:            3790,
		ClientName:             "ELTONS-DEV2",
		KeyboardType:           KeyboardIBMEnhanced,
		KeyboardFunctionKey:    12,
		LastField:              CoreServerSelectedProtocol,
		PostBeta2ColorDepth:    ColorDepth8BPP,
		ClientProductID:        1,
		HighColorDepth:         HighColor24BPP,
		SupportedColorDepths:   Support24BPP | Support16BPP | Support15BPP,
		EarlyCapabilityFlags:   SupportErrInfoPDU,
		ClientDigProductID:     "69712-783-0357974-42714",
		ServerSelectedProtocol: 0,
	}
}

func bcgr413ClusterValue() ClientClusterData {
	return ClientClusterData{Flags: 0x0d}
}

func bcgr413SecurityValue() ClientSecurityData {
	return ClientSecurityData{EncryptionMethods: 0x1b}
}

func bcgr413NetValue() ClientNetworkData {
	return ClientNetworkData{Channels: []ChannelDef{
		{Name: "rdpdr", Options: ChannelOptionInitialized | ChannelOptionCompressRDP},
		{Name: "cliprdr", Options: ChannelOptionInitialized | ChannelOptionEncryptRDP | ChannelOptionCompressRDP | ChannelOptionShowProtocol},
		{Name: "rdpsnd", Options: ChannelOptionInitialized | ChannelOptionEncryptRDP},
	}}
}

// bcgr413Data is the 4.1.3 client data: core, cluster, security, network.
func bcgr413Data() ClientData {
	core, cluster, sec, net := bcgr413CoreValue(), bcgr413ClusterValue(), bcgr413SecurityValue(), bcgr413NetValue()
	return ClientData{
		Core: &core, Cluster: &cluster, Security: &sec, Network: &net,
		Order: []BlockType{CSCore, CSCluster, CSSecurity, CSNet},
	}
}

func bcgr413Blocks() []byte {
	return rdptest.Hex(bcgr413Core + bcgr413Cluster + bcgr413Security + bcgr413Net)
}

const xfreerdpWrapper = `
	00                     # ConnectData::t124Identifier: Key CHOICE object
	05 00 14 7c 00 01      # OBJECT IDENTIFIER 0.0.20.124.0.1
	81 58                  # ConnectData::connectPDU length = 344 (data + 14)
	00                     # ConnectGCCPDU CHOICE conferenceCreateRequest
	08                     # ConferenceCreateRequest: userData present
	00 10                  # conferenceName "1"
	00                     # conference flags
	01                     # userData: one set
	c0                     # value present, Key CHOICE h221NonStandard
	00 44 75 63 61         # h221NonStandard "Duca"
	81 4a                  # userData value length = 330
`

const xfreerdpCore = `
	01 c0 ea 00            # TS_UD_HEADER: CS_CORE, length 234
	0c 00 08 00            # version: RDP 10.7 (0x0008000C)
	00 04                  # desktopWidth: 1024
	00 03                  # desktopHeight: 768
	01 ca                  # colorDepth: RNS_UD_COLOR_8BPP
	03 aa                  # SASSequence: RNS_UD_SAS_DEL
	09 04 00 00            # keyboardLayout: 0x409
	bb 47 00 00            # clientBuild: 18363
	72 00 61 00 6e 00 6f 00 76 00 69 00 63 00 65 00 # clientName: "ranovice-ci"
	2d 00 63 00 69 00 00 00 00 00 00 00 00 00 00 00
	04 00 00 00            # keyboardType: 4
	00 00 00 00            # keyboardSubType: 0
	0c 00 00 00            # keyboardFunctionKey: 12
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # imeFileName: ""
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	01 ca                  # postBeta2ColorDepth: RNS_UD_COLOR_8BPP
	01 00                  # clientProductId: 1
	00 00 00 00            # serialNumber: 0
	18 00                  # highColorDepth: 24 bpp
	0f 00                  # supportedColorDepths: 24, 16, 15, 32 bpp
	e3 05                  # earlyCapabilityFlags: 0x05E3
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # clientDigProductId: ""
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	07                     # connectionType: CONNECTION_TYPE_AUTODETECT
	00                     # pad1octet
	01 00 00 00            # serverSelectedProtocol: PROTOCOL_SSL
	00 00 00 00            # desktopPhysicalWidth: 0
	00 00 00 00            # desktopPhysicalHeight: 0
	00 00                  # desktopOrientation: ORIENTATION_LANDSCAPE
	64 00 00 00            # desktopScaleFactor: 100
	64 00 00 00            # deviceScaleFactor: 100
`

const xfreerdpNet = `
	03 c0 38 00            # TS_UD_HEADER: CS_NET, length 56
	04 00 00 00            # channelCount: 4
	72 64 70 64 72 00 00 00 # "rdpdr"
	00 00 80 c0            # INITIALIZED, ENCRYPT_RDP, COMPRESS_RDP
	72 64 70 73 6e 64 00 00 # "rdpsnd"
	00 00 00 c0            # INITIALIZED, ENCRYPT_RDP
	63 6c 69 70 72 64 72 00 # "cliprdr"
	00 00 a0 c0            # INITIALIZED, ENCRYPT_RDP, COMPRESS_RDP, SHOW_PROTOCOL
	64 72 64 79 6e 76 63 00 # "drdynvc"
	00 00 80 c0            # INITIALIZED, ENCRYPT_RDP, COMPRESS_RDP
`

const xfreerdpRest = `
	06 c0 08 00            # TS_UD_HEADER: CS_MCS_MSGCHANNEL, length 8
	00 00 00 00            # flags
	0a c0 08 00            # TS_UD_HEADER: CS_MULTITRANSPORT, length 8
	00 00 00 00            # flags: 0
`

func xfreerdpCoreValue() ClientCoreData {
	return ClientCoreData{
		Version:                RDPVersion10_7,
		DesktopWidth:           1024,
		DesktopHeight:          768,
		ColorDepth:             ColorDepth8BPP,
		SASSequence:            SASSequenceDel,
		KeyboardLayout:         0x409,
		ClientBuild:            18363,
		ClientName:             "ranovice-ci",
		KeyboardType:           KeyboardIBMEnhanced,
		KeyboardFunctionKey:    12,
		LastField:              CoreDeviceScaleFactor,
		PostBeta2ColorDepth:    ColorDepth8BPP,
		ClientProductID:        1,
		HighColorDepth:         HighColor24BPP,
		SupportedColorDepths:   Support24BPP | Support16BPP | Support15BPP | Support32BPP,
		EarlyCapabilityFlags:   0x05E3,
		ConnectionType:         ConnectionTypeAutodetect,
		ServerSelectedProtocol: 1,
		DesktopScaleFactor:     100,
		DeviceScaleFactor:      100,
	}
}

func xfreerdpNetValue() ClientNetworkData {
	return ClientNetworkData{Channels: []ChannelDef{
		{Name: "rdpdr", Options: 0xC0800000},
		{Name: "rdpsnd", Options: 0xC0000000},
		{Name: "cliprdr", Options: 0xC0A00000},
		{Name: "drdynvc", Options: 0xC0800000},
	}}
}

// xfreerdpData is built without Order: FreeRDP's order is the canonical one.
func xfreerdpData() ClientData {
	core, cluster, sec, net := xfreerdpCoreValue(), bcgr413ClusterValue(), bcgr413SecurityValue(), xfreerdpNetValue()
	return ClientData{
		Core: &core, Cluster: &cluster, Security: &sec, Network: &net,
		MessageChannel: &ClientMessageChannelData{},
		Multitransport: &ClientMultitransportChannelData{},
	}
}

func xfreerdpBlocks() []byte {
	return rdptest.Hex(xfreerdpCore + bcgr413Cluster + bcgr413Security + xfreerdpNet + xfreerdpRest)
}

const bcgr414Wrapper = `
	00                     # ConnectData::t124Identifier: Key CHOICE object
	05 00 14 7c 00 01      # OBJECT IDENTIFIER 0.0.20.124.0.1
	2a                     # ConnectData::connectPDU length = 42 ("MUST be ignored by the client")
	14                     # ConnectGCCPDU CHOICE conferenceCreateResponse, userData present
	76 0a                  # nodeID: 0x760a + 1001 = 31219
	01 01                  # tag: 1
	00                     # result: success
	01                     # userData: one set
	c0                     # value present, Key CHOICE h221NonStandard
	00 4d 63 44 6e         # h221NonStandard "McDn"
	81 08                  # userData value length = 264
`

const bcgr414Core = `
	01 0c 0c 00            # TS_UD_HEADER: SC_CORE, length 12
	04 00 08 00            # version: RDP 5.0-8.1 (0x00080004)
	00 00 00 00            # clientRequestedProtocols: PROTOCOL_RDP
`

const bcgr414Net = `
	03 0c 10 00            # TS_UD_HEADER: SC_NET, length 16
	eb 03                  # MCSChannelId: 1003
	03 00                  # channelCount: 3
	ec 03                  # channelIdArray[0]: 1004
	ed 03                  # channelIdArray[1]: 1005
	ee 03                  # channelIdArray[2]: 1006
	00 00                  # Pad
`

const bcgr414Security = `
	02 0c ec 00            # TS_UD_HEADER: SC_SECURITY, length 236
	02 00 00 00            # encryptionMethod: ENCRYPTION_METHOD_128BIT
	02 00 00 00            # encryptionLevel: ENCRYPTION_LEVEL_CLIENT_COMPATIBLE
	20 00 00 00            # serverRandomLen: 32
	b8 00 00 00            # serverCertLen: 184
` + bcgr414Random + bcgr414Certificate

const bcgr414Random = `
	10 11 77 20 30 61 0a 12 e4 34 a1 1e f2 c3 9f 31 # serverRandom
	7d a4 5f 01 89 34 96 e0 ff 11 08 69 7f 1a c3 d2
`

const bcgr414Certificate = `
	01 00 00 00            # serverCertificate: dwVersion CERT_CHAIN_VERSION_1
	01 00 00 00            # dwSigAlgId: SIGNATURE_ALG_RSA
	01 00 00 00            # dwKeyAlgId: KEY_EXCHANGE_ALG_RSA
	06 00 5c 00            # wPublicKeyBlobType BB_RSA_KEY_BLOB, wPublicKeyBlobLen 92
	52 53 41 31 48 00 00 00 00 02 00 00 3f 00 00 00 # PublicKeyBlob: "RSA1", keylen 72, bitlen 512, datalen 63
	01 00 01 00 cb 81 fe ba 6d 61 c3 55 05 d5 5f 2e # pubExp 65537, modulus
	87 f8 71 94 d6 f1 a5 cb f1 5f 0c 3d f8 70 02 96
	c4 fb 9b c8 3c 2d 55 ae e8 ff 32 75 ea 68 79 e5
	a2 01 fd 31 a0 b1 1f 55 a6 1f c1 f6 d1 83 88 63
	26 56 12 bc 00 00 00 00 00 00 00 00
	08 00 48 00            # wSignatureBlobType BB_RSA_SIGNATURE_BLOB, wSignatureBlobLen 72
	e9 e1 d6 28 46 8b 4e f5 0a df fd ee 21 99 ac b4 # SignatureBlob
	e1 8f 5f 81 57 82 ef 9d 96 52 63 27 18 29 db b3
	4a fd 9a da 42 ad b5 69 21 89 0e 1d c0 4c 1a a8
	aa 71 3e 0f 54 b9 9a e4 99 68 3f 6c d6 76 84 61
	00 00 00 00 00 00 00 00
`

func ptr[T any](v T) *T { return &v }

func bcgr414CoreValue() ServerCoreData {
	return ServerCoreData{Version: RDPVersion5Plus, ClientRequestedProtocols: ptr(uint32(0))}
}

func bcgr414NetValue() ServerNetworkData {
	return ServerNetworkData{MCSChannelID: 1003, ChannelIDs: []uint16{1004, 1005, 1006}}
}

func bcgr414SecurityValue() ServerSecurityData {
	return ServerSecurityData{
		EncryptionMethod:  EncryptionMethod128Bit,
		EncryptionLevel:   EncryptionLevelClientCompatible,
		ServerRandom:      rdptest.Hex(bcgr414Random),
		ServerCertificate: rdptest.Hex(bcgr414Certificate),
	}
}

// bcgr414Data is the 4.1.4 server data: core, network, security.
func bcgr414Data() ServerData {
	core, net, sec := bcgr414CoreValue(), bcgr414NetValue(), bcgr414SecurityValue()
	return ServerData{
		Core: &core, Network: &net, Security: &sec,
		Order: []BlockType{SCCore, SCNet, SCSecurity},
	}
}

func bcgr414Blocks() []byte {
	return rdptest.Hex(bcgr414Core + bcgr414Net + bcgr414Security)
}

const ranovicedWrapper = `
	00                     # ConnectData::t124Identifier: Key CHOICE object
	05 00 14 7c 00 01      # OBJECT IDENTIFIER 0.0.20.124.0.1
	2a                     # ConnectData::connectPDU length = 42
	14                     # ConnectGCCPDU CHOICE conferenceCreateResponse, userData present
	76 0a                  # nodeID: 31219
	01 01                  # tag: 1
	00                     # result: success
	01                     # userData: one set
	c0                     # value present, Key CHOICE h221NonStandard
	00 4d 63 44 6e         # h221NonStandard "McDn"
	32                     # userData value length = 50
`

const ranovicedBlocks = `
	01 0c 10 00            # TS_UD_HEADER: SC_CORE, length 16
	04 00 08 00            # version: RDP 5.0-8.1
	03 00 00 00            # clientRequestedProtocols: PROTOCOL_SSL | PROTOCOL_HYBRID
	00 00 00 00            # earlyCapabilityFlags: 0
	03 0c 10 00            # TS_UD_HEADER: SC_NET, length 16
	eb 03                  # MCSChannelId: 1003
	04 00                  # channelCount: 4
	ec 03 ed 03 ee 03 ef 03 # channelIdArray: 1004-1007 (even count: no Pad)
	02 0c 0c 00            # TS_UD_HEADER: SC_SECURITY, length 12
	00 00 00 00            # encryptionMethod: ENCRYPTION_METHOD_NONE
	00 00 00 00            # encryptionLevel: ENCRYPTION_LEVEL_NONE
	04 0c 06 00            # TS_UD_HEADER: SC_MCS_MSGCHANNEL, length 6
	f0 03                  # MCSChannelID: 1008
`

// ranovicedData is built without Order, as the acceptor builds it.
func ranovicedData() ServerData {
	return ServerData{
		Core: &ServerCoreData{
			Version:                  RDPVersion5Plus,
			ClientRequestedProtocols: ptr(uint32(3)),
			EarlyCapabilityFlags:     ptr(ServerEarlyCapabilityFlags(0)),
		},
		Security:       &ServerSecurityData{},
		Network:        &ServerNetworkData{MCSChannelID: IOChannelID, ChannelIDs: []uint16{1004, 1005, 1006, 1007}},
		MessageChannel: &ServerMessageChannelData{MCSChannelID: 1008},
	}
}

// withOrder returns d with Order set as Decode sets it.
func withOrder(d ClientData, order ...BlockType) ClientData {
	d.Order = order
	return d
}

// withServerOrder returns d with Order set as Decode sets it.
func withServerOrder(d ServerData, order ...BlockType) ServerData {
	d.Order = order
	return d
}
