package explain

import (
	"encoding/json"
	"strings"
	"testing"

	"postbridge/app"
	"postbridge/assets"
	"postbridge/mail/deliver"
	"postbridge/mail/smtpsend"
)

// Every kind of the deliverability check and every send-as outcome has
// its sentence, in the four languages (deliver.*.json).
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
			if _, ok := keys["explain.deliver."+string(k)]; !ok {
				t.Errorf("%s has no English sentence", k)
			}
		}
		for key := range keys {
			mine := strings.HasPrefix(key, "explain.deliver.") || strings.HasPrefix(key, "explain.sendas.") ||
				key == "explain.not_mailbox_mode" || key == "explain.not_via_own_server"
			if mine && have[key] == "" {
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

func TestSendAsSentence(t *testing.T) {
	c := app.SendAsCheck{From: "jan@klant.test", Login: "svc", Result: smtpsend.SendAsResult{
		Outcome: smtpsend.SendAsNotOwned, Code: 553, Reply: "5.7.1 <jan@klant.test>: Sender address rejected: not owned by user svc"}}
	got := SendAs(c) + ": " + SendAsReply(c)
	for _, want := range []string{"refuses jan@klant.test as sender for the login svc", "smtpd_sender_login_maps", ": 553 5.7.1 <jan@klant.test>"} {
		if !strings.Contains(got, want) {
			t.Errorf("SendAs = %q, lacks %q", got, want)
		}
	}
}
