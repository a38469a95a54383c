package deliver

import (
	"reflect"
	"testing"
)

// A failed round trip stands in for the DKIM lines, with its reason; one
// that read the mail back follows the signatures' lines.
func TestDeliverProbeLines(t *testing.T) {
	pass := []Signature{{Domain: "acme.test", Selector: "pb", Kind: DKIMPass}}
	tests := []struct {
		name  string
		sigs  []Signature
		probe *Probe
		want  []Kind
		stat  []Status
	}{
		{"no round trip tried", nil, nil, []Kind{DKIMNotChecked}, []Status{StatusWarning}},
		{"no mailbox", nil, &Probe{Kind: DKIMNoMailbox, Mailbox: "info@acme.test"}, []Kind{DKIMNoMailbox}, []Status{StatusWarning}},
		{"not arrived", nil, &Probe{Kind: DKIMNotArrived, Seconds: 60}, []Kind{DKIMNotArrived}, []Status{StatusWarning}},
		{"read and deleted", pass, &Probe{Kind: DKIMProbeDeleted}, []Kind{DKIMPass, DKIMProbeDeleted}, []Status{StatusOK, StatusOK}},
		{"read, unsigned, left", []Signature{}, &Probe{Kind: DKIMProbeLeft}, []Kind{DKIMUnsigned, DKIMProbeLeft}, []Status{StatusFailing, StatusOK}},
	}
	for _, tt := range tests {
		var got []Kind
		var stat []Status
		for _, f := range dkimFindings("acme.test", tt.sigs, tt.probe) {
			got, stat = append(got, f.Kind), append(stat, f.Status)
		}
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(stat, tt.stat) {
			t.Errorf("%s: got %v %v, want %v %v", tt.name, got, stat, tt.want, tt.stat)
		}
	}
	f := (&Probe{Kind: DKIMNotArrived, Mailbox: "info@acme.test", Folder: "INBOX", Seconds: 60}).finding("acme.test")
	if f.Args["seconds"] != "60" || f.Args["mailbox"] != "info@acme.test" || f.Args["folder"] != "INBOX" {
		t.Errorf("not arrived args %v", f.Args)
	}
}
