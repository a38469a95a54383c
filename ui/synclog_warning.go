package ui

import (
	"regexp"
	"strings"
)

// The sync engine and the MIME reader write their warnings in English
// (mail/imapsync, mail/message); the sync log says them in the window's
// language (issue 15). A warning this table does not know is shown as
// written.

// warningPattern is one English warning: its pattern, whose groups are
// the values, and the key and English text that say it.
type warningPattern struct {
	re      *regexp.Regexp
	key     string
	english string
	names   []string
}

var warningPatterns = []warningPattern{
	{regexp.MustCompile(`^unknown charset "(.*)"; its bytes are shown as they are$`), "synclog.w.unknownCharset",
		"unknown character set {{.A}}; its bytes are shown as they are", []string{"A"}},
	{regexp.MustCompile(`^charset "(.*)": (.*)$`), "synclog.w.charset",
		"character set {{.A}} could not be read: {{.B}}", []string{"A", "B"}},
	{regexp.MustCompile(`^no From address$`), "synclog.w.noFrom", "no From address", nil},
	{regexp.MustCompile(`^no Message-ID$`), "synclog.w.noMessageID", "no Message-ID", nil},
	{regexp.MustCompile(`^no Date$`), "synclog.w.noDate", "no Date", nil},
	{regexp.MustCompile(`^Date "(.*)" not understood$`), "synclog.w.badDate", "date {{.A}} not understood", []string{"A"}},
	{regexp.MustCompile(`^Message-ID "(.*)" is not in the form <id@host>$`), "synclog.w.badMessageID",
		"Message-ID {{.A}} is not in the form <id@host>", []string{"A"}},
	{regexp.MustCompile(`^no readable MIME part; the body is shown as plain text$`), "synclog.w.noReadablePart",
		"no readable MIME part; the body is shown as plain text", nil},
	{regexp.MustCompile(`^unknown Content-Transfer-Encoding "(.*)"; the part is kept undecoded$`), "synclog.w.unknownEncoding",
		"unknown Content-Transfer-Encoding {{.A}}; the part is kept undecoded", []string{"A"}},
	{regexp.MustCompile(`^no RFC 5322 header found; the message is imported as raw$`), "synclog.w.noHeader",
		"no RFC 5322 header found; the message is imported as raw", nil},
	{regexp.MustCompile(`^the message was removed on the server meanwhile$`), "synclog.w.removedMeanwhile",
		"the message was removed on the server meanwhile", nil},
	{regexp.MustCompile(`^the server did not send it \(removed meanwhile\?\)$`), "synclog.w.notSent",
		"the server did not send it (removed meanwhile?)", nil},
	{regexp.MustCompile(`^(\d+) bytes, larger than the maximum message size of (\d+) MB: left on the server$`), "synclog.w.overMaximum",
		"{{.A}} bytes, larger than the maximum message size of {{.B}} MB: left on the server", []string{"A", "B"}},
	{regexp.MustCompile(`^(\d+) bytes, larger than the (\d+) bytes the server announced: left on the server$`), "synclog.w.overAnnounced",
		"{{.A}} bytes, larger than the {{.B}} bytes the server announced: left on the server", []string{"A", "B"}},
}

var warningUID = regexp.MustCompile(`^message UID (\d+): (.*)$`)

// warningText says an engine warning in the window's language.
func warningText(text string) string {
	if m := warningUID.FindStringSubmatch(text); m != nil {
		return t("synclog.w.message", "message UID {{.UID}}: {{.Text}}",
			map[string]string{"UID": m[1], "Text": warningText(m[2])})
	}
	for _, p := range warningPatterns {
		m := p.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		data := map[string]string{}
		for i, n := range p.names {
			data[n] = strings.TrimSpace(m[i+1])
		}
		return t(p.key, p.english, data)
	}
	return text
}
