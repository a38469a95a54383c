package deliver_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"

	"postbridge/mail/deliver"
)

const testMail = "From: Alice <alice@pass.test>\r\nTo: bob@elsewhere.test\r\nSubject: hello\r\n" +
	"Date: Sun, 06 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@pass.test>\r\n\r\nHello Bob.\r\n"

// sign signs testMail as domain/selector with key.
func sign(t *testing.T, key ed25519.PrivateKey, domain, selector string) []byte {
	t.Helper()
	var out bytes.Buffer
	err := dkim.Sign(&out, strings.NewReader(testMail), &dkim.SignOptions{Domain: domain, Selector: selector, Signer: key})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func keyRecord(name string, pub ed25519.PublicKey) string {
	return name + `._domainkey.pass.test. 60 IN TXT "v=DKIM1; k=ed25519; p=` + base64.StdEncoding.EncodeToString(pub) + `"`
}

func TestDeliverVerifyDKIM(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)
	r := resolver(t, keyRecord("good", pub), keyRecord("rotated", otherPub),
		`revoked._domainkey.pass.test. 60 IN TXT "v=DKIM1; k=ed25519; p="`)
	tests := []struct {
		name string
		raw  []byte
		want []deliver.Signature
	}{
		{"valid", sign(t, key, "pass.test", "good"), []deliver.Signature{{Domain: "pass.test", Selector: "good", Kind: deliver.DKIMPass}}},
		{"wrong key in DNS", sign(t, key, "pass.test", "rotated"), []deliver.Signature{{Domain: "pass.test", Selector: "rotated", Kind: deliver.DKIMBad}}},
		{"no key published", sign(t, key, "pass.test", "gone"), []deliver.Signature{{Domain: "pass.test", Selector: "gone", Kind: deliver.DKIMNoKey}}},
		{"key revoked", sign(t, key, "pass.test", "revoked"), []deliver.Signature{{Domain: "pass.test", Selector: "revoked", Kind: deliver.DKIMNoKey}}},
		{"unsigned", []byte(testMail), []deliver.Signature{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deliver.VerifyDKIM(context.Background(), r, tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i].Detail = "" // the library's words
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
