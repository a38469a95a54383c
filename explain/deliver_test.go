package explain

import (
	"encoding/json"
	"strings"
	"testing"

	"postbridge/assets"
	"postbridge/mail/deliver"
)

// Every kind of the deliverability check has its sentence, in the four
// languages, and the finding's arguments fill it.
func TestDeliverEveryKindIsWorded(t *testing.T) {
	keys := Keys()
	for _, l := range []string{"en", "nl", "de", "nb"} {
		data, err := assets.Translations.ReadFile("translations/deliver." + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var have map[string]string
		if err := json.Unmarshal(data, &have); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		for _, k := range deliver.Kinds() {
			key := "explain.deliver." + string(k)
			if _, ok := keys[key]; !ok {
				t.Errorf("%s has no English sentence", k)
			}
			if have[key] == "" {
				t.Errorf("%s has no %s text", key, l)
			}
		}
	}
}

func TestDeliverFinding(t *testing.T) {
	f := deliver.Finding{Check: deliver.CheckSPF, Status: deliver.StatusFailing, Kind: deliver.SPFFail,
		Args: map[string]string{"domain": "acme.test", "ip": "192.0.2.25", "record": "v=spf1 -all"}}
	got := Finding(f)
	want := "the SPF record of acme.test does not name 192.0.2.25 and ends in -all"
	if !strings.HasPrefix(got, want) || strings.Contains(got, "{{") {
		t.Errorf("Finding = %q, want it to start with %q", got, want)
	}
	if got, want := Status(deliver.StatusWarning), "warning"; got != want {
		t.Errorf("Status = %q, want %q", got, want)
	}
}
