package explain

import (
	"strings"

	"postbridge/app/errkind"
	"postbridge/mail/imapsync"
	"postbridge/mail/message"
	"postbridge/problem"
	"postbridge/storage"
)

// problemText is the translation key and English sentence of a problem
// kind that is not an error's (those are in texts): what a message lacked,
// what the sync warns of, why a message waits or was left on the server.
type problemText struct{ key, english string }

var problemTexts = map[string]problemText{
	message.WarnNoHeader:            {"synclog.w.noHeader", "no RFC 5322 header found; the message is imported as raw"},
	message.WarnUnparsable:          {"synclog.w.unparsable", "the message could not be parsed ({{.Detail}}); it is imported as raw"},
	message.WarnHeaderNoBlankLine:   {"synclog.w.headerNoBlankLine", "the header ends without a blank line (RFC 5322 §2.1); the rest is read as body"},
	message.WarnHeaderFieldDropped:  {"synclog.w.headerFieldDropped", "header field {{.Field}} of {{.Size}} bytes dropped (limit {{.Limit}})"},
	message.WarnHeaderTooLarge:      {"synclog.w.headerTooLarge", "header larger than {{.Limit}} bytes; the remaining fields are dropped"},
	message.WarnHeader:              {"synclog.w.header", "header: {{.Detail}}"},
	message.WarnNoFrom:              {"synclog.w.noFrom", "no From address"},
	message.WarnNoMessageID:         {"synclog.w.noMessageID", "no Message-ID"},
	message.WarnBadMessageID:        {"synclog.w.badMessageID", "Message-ID {{.A}} is not in the form <id@host>"},
	message.WarnNoDate:              {"synclog.w.noDate", "no Date"},
	message.WarnBadDate:             {"synclog.w.badDate", "date {{.A}} not understood"},
	message.WarnNoAddress:           {"synclog.w.noAddress", "{{.Field}}: no address could be read from {{.Value}}"},
	message.WarnLenientAddress:      {"synclog.w.lenientAddress", "{{.Field}} is not a valid RFC 5322 address list; read leniently"},
	message.WarnTooManyAddresses:    {"synclog.w.tooManyAddresses", "address list longer than {{.Limit}}; the rest is left out"},
	message.WarnMIMEStructure:       {"synclog.w.mimeStructure", "MIME structure: {{.Detail}}"},
	message.WarnNoReadablePart:      {"synclog.w.noReadablePart", "no readable MIME part; the body is shown as plain text"},
	message.WarnBodyTooLong:         {"synclog.w.bodyTooLong", "body longer than {{.Limit}} bytes; the rest is only in the raw message"},
	message.WarnMIMEPart:            {"synclog.w.mimePart", "MIME part {{.Section}}: {{.Detail}}"},
	message.WarnMIMEPartPartly:      {"synclog.w.mimePartPartly", "MIME part {{.Section}}: {{.Detail}}; what could be read is kept"},
	message.WarnMIMETooDeep:         {"synclog.w.mimeTooDeep", "MIME parts nested deeper than {{.Limit}} are left out"},
	message.WarnMIMETooMany:         {"synclog.w.mimeTooMany", "more than {{.Limit}} MIME parts; the rest is left out"},
	message.WarnNoBoundary:          {"synclog.w.noBoundary", "multipart/{{.Subtype}} without a boundary (RFC 2046 §5.1.1)"},
	message.WarnBoundaryNeverOccurs: {"synclog.w.boundaryNeverOccurs", "multipart/{{.Subtype}}: its boundary never occurs (RFC 2046 §5.1.1)"},
	message.WarnNoClosingBoundary:   {"synclog.w.noClosingBoundary", "multipart/{{.Subtype}}: no closing boundary; the message may be cut off"},
	message.WarnMultipart:           {"synclog.w.multipart", "multipart/{{.Subtype}}: {{.Detail}}"},
	message.WarnUnknownEncoding:     {"synclog.w.unknownEncoding", "unknown Content-Transfer-Encoding {{.A}}; the part is kept undecoded"},
	message.WarnUnknownCharset:      {"synclog.w.unknownCharset", "unknown character set {{.A}}; its bytes are shown as they are"},
	message.WarnCharset:             {"synclog.w.charset", "character set {{.A}} could not be read: {{.B}}"},
	message.WarnTNEF:                {"synclog.w.tnef", "winmail.dat (Outlook TNEF) is kept as one attachment; the files inside it are not unpacked"},
	message.WarnMore:                {"synclog.w.more", "more problems; only the first ones are listed"},

	imapsync.WarnRemovedMeanwhile: {"synclog.w.removedMeanwhile", "the message was removed on the server meanwhile"},
	imapsync.WarnNotSent:          {"synclog.w.notSent", "the server did not send it (removed meanwhile?)"},
	imapsync.WarnNoUIDExpunge:     {"synclog.w.noUIDExpunge", "the server offers neither MOVE nor UIDPLUS: {{.Count}} messages were copied to {{.Folder}} and flagged deleted, but stay in the folder until it is expunged"},
	imapsync.WarnSharedMessageID:  {"synclog.w.sharedMessageID", "a different message with Message-ID <{{.ID}}> is already stored; this one is imported as its own message"},
	imapsync.RefusedOverMaximum:   {"health.refused.overMaximum", "larger than the maximum message size of {{.MB}} MB"},
	imapsync.RefusedOverAnnounced: {"health.refused.overAnnounced", "larger than the {{.Bytes}} bytes the server announced"},

	storage.AttentionSharedAddress:  {"attention.sharedAddress", "several relations have {{.Address}}"},
	storage.AttentionUnknownProject: {"attention.unknownProject", "there is no project {{.Number}}"},
}

// leftOnServer words a refusal as the sync log tells it, with the size.
const (
	leftOnServerKey  = "synclog.w.leftOnServer"
	leftOnServerText = "{{.Size}} bytes, {{.Reason}}: left on the server"
)

// Problem is the sentence of p in the reader's language: a warning, an
// attention reason, a refusal, or a failure with its detail (the error's
// own text) after the sentence, as Error says it. A legacy problem (a row
// written before problems were stored) is its stored text; a kind this
// program does not know (written by a newer one) shows its arguments.
func Problem(p problem.P) string {
	switch p.Kind {
	case "":
		return ""
	case problem.Legacy:
		return p.Arg("text")
	case storage.ErrorProblem:
		return p.Arg("detail")
	case imapsync.RefusedOverMaximum, imapsync.RefusedOverAnnounced:
		if size := p.Arg("Size"); size != "" {
			reason := trKey(problemTexts[p.Kind].key, problemTexts[p.Kind].english, p.Args)
			return trKey(leftOnServerKey, leftOnServerText, map[string]string{"Size": size, "Reason": reason})
		}
	}
	if t, ok := problemTexts[p.Kind]; ok {
		return trKey(t.key, t.english, p.Args)
	}
	if text, ok := errorProblem(p); ok {
		return text
	}
	return p.String()
}

// Problems is every problem of a list, each worded, joined for one line.
func Problems(list problem.List) string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		out = append(out, Problem(p))
	}
	return strings.Join(out, "; ")
}

// errorProblem words a failure kept by errkind.Of: the kind's sentence,
// then the error's own text as Error adds it.
func errorProblem(p problem.P) (string, bool) {
	detail := p.Arg("detail")
	switch p.Kind {
	case errkind.KindMissingSecret:
		return tr("missing_secret", "no password is stored on this computer for {{.Key}}; store it with: postbridge secret set {{.Key}}", p.Args), true
	case errkind.KindMissingCredential:
		return tr("missing_credential", missingCredentialText, p.Args), true
	case errkind.KindUntrustedCertificate:
		return tr("untrusted_certificate", "the server's certificate is not trusted (SHA-256 fingerprint {{.Fingerprint}}); if you have checked it with the server's owner, pin it as tls_fingerprint",
			p.Args) + ": " + detail, true
	}
	for _, e := range explanations {
		if e.key == p.Kind {
			if detail == "" {
				return tr(e.key, e.text, nil), true
			}
			return withDetailText(tr(e.key, e.text, nil), detail, e.kind), true
		}
	}
	return "", false
}

// ProblemSentence is Problem without a failure's detail, for a screen that
// shows the detail elsewhere; ok is false when p has no sentence of its
// own (its detail is all there is to say).
func ProblemSentence(p problem.P) (string, bool) {
	if p.Arg("detail") == "" || p.Kind == storage.ErrorProblem {
		return Problem(p), p.Kind != storage.ErrorProblem && p.Kind != problem.Legacy
	}
	return Problem(p.With("detail", "")), true
}

// trKey is tr for a key of its own (not "explain.…").
func trKey(key, english string, data map[string]string) string {
	if translator != nil {
		return translator(key, english, data)
	}
	return fill(english, data)
}

// problemKeys adds every problem sentence's key to out, for the
// translations' completeness test.
func problemKeys(out map[string]string) {
	for _, t := range problemTexts {
		out[t.key] = t.english
	}
	out[leftOnServerKey] = leftOnServerText
}

// LastFailure is the problem of an account's last failed sync; a row
// written before problems were stored has its kind and text, or only a
// sentence, which is shown as it is. No problem when the last sync
// succeeded.
func LastFailure(h storage.AccountHealth) problem.P {
	switch {
	case !h.Problem.IsZero():
		return h.Problem
	case h.LastError == "":
		return problem.P{}
	case h.ErrorKind != "":
		return problem.New(h.ErrorKind, "detail", h.LastError)
	}
	return problem.Text(h.LastError)
}
