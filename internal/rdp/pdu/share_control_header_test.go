package pdu

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestShareControlHeader(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ShareControlHeader]{{
		Name: "bcgr-4.1.12-demand-active",
		Raw: `67 01 # totalLength: 359
		      11 00 # pduType: TS_PROTOCOL_VERSION | PDUTYPE_DEMANDACTIVEPDU
		      ea 03 # pduSource: 1002`,
		Want: &ShareControlHeader{TotalLength: 359, Type: PDUTypeDemandActive, Source: 0x03EA},
	}, {
		Name: "bcgr-4.1.14-data",
		Raw:  "16 00 17 00 ef 03 # 22, TS_PROTOCOL_VERSION | PDUTYPE_DATAPDU, 1007",
		Want: &ShareControlHeader{TotalLength: 22, Type: PDUTypeData, Source: 1007},
	}}, func() *ShareControlHeader { return new(ShareControlHeader) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "flow-pdu", Raw: "00 80 00 42 00 00", Want: ErrFlowPDU},
		{Name: "version-0", Raw: "16 00 07 00 ef 03", Want: wire.ErrInvalid},
		{Name: "version-2", Raw: "16 00 27 00 ef 03", Want: wire.ErrInvalid},
		{Name: "totalLength-5", Raw: "05 00 17 00 ef 03", Want: wire.ErrInvalid},
	}, func() *ShareControlHeader { return new(ShareControlHeader) })

	for _, h := range []ShareControlHeader{
		{TotalLength: 0x8000, Type: PDUTypeData},
		{TotalLength: 5, Type: PDUTypeData},
		{TotalLength: 6, Type: 0x10},
	} {
		if _, err := h.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v", h)
		}
	}
	if PDUTypeConfirmActive.String() != "PDUTYPE_CONFIRMACTIVEPDU" || PDUType(9).String() != "PDUTYPE(0x9)" {
		t.Error("PDUType.String")
	}
}

func TestDecodeShareControl(t *testing.T) {
	raw := testdata(t, "bcgr-4.1.12-demand-active.hex")
	h, body, err := DecodeShareControl(raw)
	if err != nil || h.Type != PDUTypeDemandActive || len(body) != len(raw)-6 {
		t.Fatalf("%+v, %d bytes, %v", h, len(body), err)
	}
	if _, _, err := DecodeShareControl(raw[:len(raw)-1]); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("short PDU: %v", err)
	}
	if _, _, err := DecodeShareControl(append(raw, 0)); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("long PDU: %v", err)
	}
	// A T.128 FlowPDU (FlowTestPDU, flowIdentifier 0, flowNumber 0, pduSource 1007).
	if _, _, err := DecodeShareControl(rdptest.Hex("00 80 00 42 00 00 ef 03")); !errors.Is(err, ErrFlowPDU) {
		t.Errorf("flow PDU: %v", err)
	}
}
