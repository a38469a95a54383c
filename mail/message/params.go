package message

import (
	"strconv"
	"strings"
)

const (
	// maxParamSections bounds RFC 2231 continuations (name*0, name*1, ...).
	maxParamSections = 64
	// maxParamBytes bounds one parameter value; file names are cut to 200
	// bytes later anyway.
	maxParamBytes = 8 << 10
)

// params parses a Content-Type or Content-Disposition value (RFC 2045 §5.1,
// RFC 2183 §2) into its lower-case value and its decoded parameters.
//
// mime.ParseMediaType, which go-message uses, gives up on the whole field
// at the first malformed or duplicate parameter and drops RFC 2231 values
// in any charset but UTF-8 and US-ASCII. Mail with ISO-8859-1 file names
// is common, so this parser is lenient instead: a bad parameter is
// skipped, the first of duplicates wins, any charset go-message knows is
// decoded, and RFC 2047 encoded-words inside quoted values, which RFC 2047
// §5 forbids but Outlook and Gmail send, are decoded too.
func (d *decoder) params(v string) (string, map[string]string) {
	base, rest, _ := strings.Cut(v, ";")
	value := strings.ToLower(strings.TrimSpace(fixUTF8([]byte(base))))
	raw := make(map[string]string)
	for rest != "" {
		var key, val string
		key, val, rest = nextParam(rest)
		if key == "" {
			continue
		}
		if _, dup := raw[key]; !dup && len(raw) < 4*maxParamSections {
			raw[key] = val
		}
	}
	return value, d.assemble(raw)
}

// nextParam reads one attribute=value pair from s and returns the rest
// after it. A piece without "=" yields an empty key.
func nextParam(s string) (key, val, rest string) {
	s = strings.TrimLeft(s, " \t\r\n;")
	eq := strings.IndexAny(s, "=;")
	if eq < 0 || s[eq] == ';' {
		_, rest, _ = strings.Cut(s, ";")
		return "", "", rest
	}
	key = strings.ToLower(strings.TrimSpace(s[:eq]))
	s = strings.TrimLeft(s[eq+1:], " \t\r\n")
	if strings.HasPrefix(s, `"`) {
		val, rest = quoted(s[1:])
		return key, val, rest
	}
	val, rest, _ = strings.Cut(s, ";")
	return key, strings.TrimSpace(val), rest
}

// quoted reads an RFC 5322 quoted-string whose opening quote is already
// consumed. An unterminated string runs to the end of the field.
func quoted(s string) (val, rest string) {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			sb.WriteByte(s[i])
		case c == '"':
			_, rest, _ = strings.Cut(s[i+1:], ";")
			return sb.String(), rest
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String(), ""
}

// assemble joins RFC 2231 parameters: "name*" (charset'language'percent-
// encoded, §4), "name*0", "name*1*", ... (continuations, §3) and plain
// "name". The extended forms win because they carry the charset.
func (d *decoder) assemble(raw map[string]string) map[string]string {
	out := make(map[string]string, len(raw))
	for key, val := range raw {
		if !strings.Contains(key, "*") {
			if _, set := out[key]; !set {
				out[key] = clipParam(d.words(fixUTF8([]byte(val))))
			}
			continue
		}
		name, _, _ := strings.Cut(key, "*")
		if _, done := out[name+"*"]; done {
			continue
		}
		if v, ok := d.extended(name, raw); ok {
			out[name] = clipParam(v)
			out[name+"*"] = "" // marks name as decoded from its extended form
		}
	}
	for key := range out {
		if strings.HasSuffix(key, "*") {
			delete(out, key)
		}
	}
	return out
}

// extended decodes the RFC 2231 value of parameter name from its "name*"
// or "name*0..." pieces.
func (d *decoder) extended(name string, raw map[string]string) (string, bool) {
	if v, ok := raw[name+"*"]; ok {
		cs, enc := splitCharset(v)
		return d.convert(cs, percentDecode(enc)), true
	}
	var (
		buf   []byte
		cs    string
		found bool
	)
	for n := 0; n < maxParamSections && len(buf) < maxParamBytes; n++ {
		key := name + "*" + strconv.Itoa(n)
		if v, ok := raw[key+"*"]; ok {
			if n == 0 {
				cs, v = splitCharset(v)
			}
			buf = append(buf, percentDecode(v)...)
		} else if v, ok := raw[key]; ok {
			buf = append(buf, v...)
		} else {
			break
		}
		found = true
	}
	if !found {
		return "", false
	}
	// The charset applies to the joined bytes: a character may be split
	// across two sections.
	return d.convert(cs, buf), true
}

// splitCharset splits charset'language'value (RFC 2231 §4). A value
// without the two quotes is taken as it is, in no declared charset.
func splitCharset(v string) (cs, rest string) {
	cs, rest, ok := strings.Cut(v, "'")
	if !ok {
		return "", v
	}
	_, rest, ok = strings.Cut(rest, "'")
	if !ok {
		return "", v
	}
	return cs, rest
}

// percentDecode undoes %XX escapes; a "%" not followed by two hex digits
// stays as it is.
func percentDecode(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return b
}

func clipParam(v string) string {
	return truncateUTF8(v, maxParamBytes)
}
