package message

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

const (
	// MaxFileNameBytes leaves room under the 255-byte name limit of
	// common file systems for the " (2)" of a duplicate and for a
	// temporary-file prefix.
	MaxFileNameBytes = 200
	// maxExtBytes is the longest tail after the last dot that is still
	// treated as an extension worth keeping when a name is shortened.
	maxExtBytes = 16
)

// SanitizeFileName turns a file name suggested by a message into one that
// is safe on every file system an office uses, Windows shares included.
// It returns "" when nothing usable is left; Parse then makes up a name.
//
// RFC 2183 §2.3: the name is a suggestion, it must not overwrite or
// escape, and "the receiving MUA SHOULD NOT respect any directory path
// information", so only the part after the last / or \ is kept. Then:
// control, format (bidi override) and Windows-reserved characters
// (<>:"|?*) go; leading dots (hidden files, "..") and trailing dots and
// spaces (Windows drops them silently) are trimmed; runs of dots collapse;
// the device names CON, PRN, AUX, NUL, COM0-9, LPT0-9 get a "_" in front,
// with or without an extension; the name is cut to MaxFileNameBytes on a
// character boundary, keeping the extension. The result is in Unicode NFC,
// so the same name typed on macOS and Windows compares equal.
func SanitizeFileName(name string) string {
	name = fixUTF8([]byte(name))
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	// NFC after the clean-up, which may have removed a joiner between a
	// letter and its accent.
	name = norm.NFC.String(cleanChars(name))
	name = strings.TrimRight(strings.TrimLeft(name, ". "), ". ")
	if isDeviceName(name) {
		name = "_" + name
	}
	return shorten(name, MaxFileNameBytes)
}

// cleanChars replaces or drops every character that is unsafe in a file
// name and collapses runs of spaces and of dots.
func cleanChars(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	var last rune
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			r = ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		case strings.ContainsRune(`<>:"|?*`, r):
			r = '_'
		}
		if (r == ' ' || r == '.') && r == last {
			continue
		}
		sb.WriteRune(r)
		last = r
	}
	return sb.String()
}

// shorten cuts name to max bytes on a character boundary, keeping a short
// extension so the file still opens with the right program.
func shorten(name string, max int) string {
	if len(name) <= max {
		return name
	}
	stem, ext := splitExt(name)
	if len(ext) > maxExtBytes || len(ext) >= max {
		stem, ext = name, ""
	}
	stem = strings.TrimRight(truncateUTF8(stem, max-len(ext)), ". ")
	if stem == "" {
		return strings.TrimLeft(ext, ".")
	}
	return stem + ext
}

// splitExt splits "report.final.pdf" into "report.final" and ".pdf". A
// name that is only an extension has none.
func splitExt(name string) (stem, ext string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return name, ""
	}
	return name[:i], name[i:]
}

// isDeviceName reports whether Windows would open a device instead of a
// file for name: the part before the first dot, without trailing spaces,
// is a reserved name, case-insensitively ("aux.txt" and "Con .log" too).
func isDeviceName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '0' && base[3] <= '9'
	}
	// Windows also reserves COM¹ to COM³ and LPT¹ to LPT³ (superscripts).
	for _, sup := range []string{"¹", "²", "³"} {
		if base == "COM"+sup || base == "LPT"+sup {
			return true
		}
	}
	return false
}

// defaultName makes up a name for the n-th attachment from its type.
func defaultName(n int, contentType string) string {
	switch contentType {
	case "application/ms-tnef", "application/vnd.ms-tnef":
		// Outlook's name for it; what users and tools expect.
		return "winmail.dat"
	}
	ext, ok := extensions[contentType]
	if !ok {
		ext = ".bin"
	}
	return "attachment-" + strconv.Itoa(n) + ext
}

// extensions is fixed rather than mime.ExtensionsByType, whose answer
// depends on the computer's MIME database: the same message must get the
// same names everywhere, or a re-import would save its files again.
var extensions = map[string]string{
	"application/pdf":    ".pdf",
	"application/zip":    ".zip",
	"application/json":   ".json",
	"application/xml":    ".xml",
	"application/msword": ".doc",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"application/vnd.ms-excel": ".xls",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
	"application/pgp-signature":                                         ".asc",
	"application/pkcs7-signature":                                       ".p7s",
	"application/x-pkcs7-signature":                                     ".p7s",
	"image/jpeg":                                                        ".jpg",
	"image/png":                                                         ".png",
	"image/gif":                                                         ".gif",
	"image/webp":                                                        ".webp",
	"image/svg+xml":                                                     ".svg",
	"text/plain":                                                        ".txt",
	"text/html":                                                         ".html",
	"text/calendar":                                                     ".ics",
	"text/csv":                                                          ".csv",
	"text/vcard":                                                        ".vcf",
	"text/x-vcard":                                                      ".vcf",
	"text/rfc822-headers":                                               ".txt",
	"message/rfc822":                                                    ".eml",
	"message/global":                                                    ".eml",
	"message/delivery-status":                                           ".txt",
	"message/disposition-notification":                                  ".txt",
}

// uniqueName returns name, or name with " (2)", " (3)", ... before its
// extension, whichever taken says is free first.
func uniqueName(name string, taken func(string) bool) string {
	for n := 1; ; n++ {
		if v := variant(name, n); !taken(v) {
			return v
		}
	}
}

// variant is name for n == 1 and "stem (n).ext" after that, cut so that
// it stays within MaxFileNameBytes.
func variant(name string, n int) string { return variantWithin(name, n, MaxFileNameBytes) }

// variantWithin is variant cut to limit bytes, keeping the extension.
func variantWithin(name string, n, limit int) string {
	if n == 1 {
		return shorten(name, limit)
	}
	stem, ext := splitExt(name)
	suffix := " (" + strconv.Itoa(n) + ")"
	// A cut may end the stem in a space or dot; "a  (2)" would not be
	// what SanitizeFileName gives back, and save refuses such names.
	stem = strings.TrimRight(truncateUTF8(stem, max(0, limit-len(ext)-len(suffix))), ". ")
	return stem + suffix + ext
}

// foldName is the key under which two names count as the same file on a
// case-insensitive file system.
func foldName(name string) string {
	return strings.ToLower(name)
}
