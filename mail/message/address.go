package message

import (
	"mime"
	"net/mail"
	"strconv"
	"strings"
)

// maxAddresses bounds one address list; a To with more names than this is
// a mailing-list expansion, not a set of people to link to.
const maxAddresses = 1000

// Address is one mailbox from an address field (RFC 5322 §3.4).
type Address struct {
	Name string // display name, decoded (RFC 2047) to UTF-8; may be empty
	Addr string // addr-spec as written in the message
}

// Normalized returns the address for comparing and linking: trimmed and
// lower-cased. RFC 5321 §2.4 lets the local part be case-sensitive, but no
// mail system in use treats it so, and relation cards are typed by hand.
func (a Address) Normalized() string {
	return strings.ToLower(strings.TrimSpace(a.Addr))
}

// String formats the address for display, not for sending: the name is
// not encoded or quoted.
func (a Address) String() string {
	switch {
	case a.Name == "":
		return a.Addr
	case a.Addr == "":
		return a.Name
	}
	return a.Name + " <" + a.Addr + ">"
}

// addresses reads every field named key as an address list. Several To
// fields are against RFC 5322 §3.6 but occur; they are joined. A list that
// go-message cannot parse is read element by element, and an element that
// still fails yields whatever looks like an address in it.
func (d *decoder) addresses(h header, key string) []Address {
	vals := h.Values(key)
	if len(vals) == 0 {
		return nil
	}
	v := fixUTF8([]byte(strings.Join(vals, ", ")))
	// The parser go-message uses, with a charset reader that never fails.
	parser := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: d.charsetReader}}
	var out []Address
	if list, err := parser.ParseList(v); err == nil {
		for _, a := range list {
			out = d.appendAddress(out, a.Name, a.Address)
		}
		return out
	}
	for _, piece := range splitList(v) {
		if a, err := parser.Parse(piece); err == nil {
			out = d.appendAddress(out, a.Name, a.Address)
		} else if name, addr := looseAddress(piece); addr != "" {
			out = d.appendAddress(out, name, addr)
		}
	}
	if len(out) == 0 && strings.Contains(v, "@") {
		d.warn(WarnNoAddress, "Field", key, "Value", clip(v, 80))
	} else {
		d.warn(WarnLenientAddress, "Field", key)
	}
	return out
}

func (d *decoder) appendAddress(out []Address, name, addr string) []Address {
	if len(out) >= maxAddresses {
		d.warn(WarnTooManyAddresses, "Limit", strconv.Itoa(maxAddresses))
		return out
	}
	// The name is decoded again because net/mail leaves encoded-words
	// inside quoted strings alone, which RFC 2047 §5 forbids but mailers
	// send ("=?utf-8?Q?J=C3=B6rg?=" <j@example.com>).
	return append(out, Address{Name: d.text(name), Addr: oneLine(addr)})
}

// splitList splits an address list at commas outside quotes, comments and
// angle brackets.
func splitList(s string) []string {
	var (
		out           []string
		quote, escape bool
		depth, start  int
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escape:
			escape = false
		case c == '\\':
			escape = true
		case c == '"':
			quote = !quote
		case quote:
		case c == '(' || c == '<':
			depth++
		case (c == ')' || c == '>') && depth > 0:
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// looseAddress finds an address in text that is not valid RFC 5322: the
// part in angle brackets if there is one, else the first word with an @.
func looseAddress(s string) (name, addr string) {
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j > 0 && strings.Contains(s[i:i+j], "@") {
			addr = strings.TrimSpace(s[i+1 : i+j])
			name = strings.Trim(strings.TrimSpace(s[:i]), `"' `)
			return name, addr
		}
	}
	for _, w := range strings.Fields(s) {
		if strings.Contains(w, "@") {
			return "", strings.Trim(w, `"'<>(),;`)
		}
	}
	return "", ""
}
