package domain

import (
	"net/url"
	"regexp"
)

// typedUserKey splits a user key as an admin types it, with the user's
// name as it is written ("user/Tineke de Vries/imap/1/smtp").
var typedUserKey = regexp.MustCompile(`^user/(.+?)/(imap(/[0-9]+)?(/smtp)?|smtp|work)$`)

// SecretKeyAsStored turns a keyring key typed with a plain name into the
// key Postbridge stores: "user/Tineke de Vries/imap" becomes
// "user/Tineke%20de%20Vries/imap", "mailserver/Hoofd kantoor"
// "mailserver/Hoofd%20kantoor". A key already escaped stays as it is, so
// the function may be applied twice; any other key is returned unchanged.
func SecretKeyAsStored(key string) string {
	if m := typedUserKey.FindStringSubmatch(key); m != nil {
		return "user/" + keyPart(unescaped(m[1])) + "/" + m[2]
	}
	const ms = "mailserver/"
	if len(key) > len(ms) && key[:len(ms)] == ms {
		return ms + keyPart(unescaped(key[len(ms):]))
	}
	return key
}

// unescaped undoes keyPart where name was typed escaped.
func unescaped(name string) string {
	if u, err := url.PathUnescape(name); err == nil {
		return u
	}
	return name
}
