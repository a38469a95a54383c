package actions

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/mail"
	"strings"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// converter turns a fetched message into a row to store. This first
// version reads the headers only (RFC 5322 with RFC 2047 words decoded by
// net/mail); bodies and attachments stay in the raw message, which is
// always kept. mail/message replaces it with full MIME parsing.
func (a *Actions) converter(attachmentRoot string) imapsync.Converter {
	return func(f imapsync.Fetched) (storage.NewMessage, []string, error) {
		sum := sha256.Sum256(f.Raw)
		nm := storage.NewMessage{Message: storage.Message{
			Folder: f.Folder, UIDValidity: f.UIDValidity, UID: f.UID, Direction: f.Direction,
			SHA256: hex.EncodeToString(sum[:]), Raw: f.Raw, RawSize: int64(len(f.Raw)),
			Flags: strings.Join(f.Flags, " "), Date: f.Internal,
		}}
		m, err := mail.ReadMessage(bytes.NewReader(f.Raw))
		if err != nil {
			return nm, []string{"headers could not be read; the raw message is kept: " + err.Error()}, nil
		}
		h := m.Header
		dec := new(mail.AddressParser)
		nm.MessageID = strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")
		nm.Subject = decodeWords(h.Get("Subject"))
		if d, err := h.Date(); err == nil {
			nm.Date = d
		}
		from := addresses(dec, h.Get("From"))
		to, cc, bcc := addresses(dec, h.Get("To")), addresses(dec, h.Get("Cc")), addresses(dec, h.Get("Bcc"))
		nm.From, nm.To, nm.Cc = strings.Join(from, ", "), strings.Join(to, ", "), strings.Join(cc, ", ")
		// Manual 000: incoming mail links by its sender, outgoing by its recipients.
		if f.Direction == storage.DirectionIn {
			nm.LinkAddresses = from
		} else {
			nm.LinkAddresses = append(append(to, cc...), bcc...)
		}
		return nm, nil, nil
	}
}

func addresses(p *mail.AddressParser, header string) []string {
	if header == "" {
		return nil
	}
	list, err := p.ParseList(header)
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, a.Address)
	}
	return out
}

func decodeWords(s string) string {
	d, err := new(mime.WordDecoder).DecodeHeader(s)
	if err != nil {
		return s
	}
	return d
}
