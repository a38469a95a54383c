package storage

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// jsonFields maps each JSON name of struct t (with the fields of
// embedded structs such as AuthJSON) to its Go type.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// lookupField finds key as encoding/json does: the exact name first,
// then one that differs only in case. It returns the field's own name,
// so "Port" and "port" in one object count as a duplicate.
func lookupField(fields map[string]reflect.Type, key string) (string, reflect.Type, bool) {
	if t, ok := fields[key]; ok {
		return key, t, true
	}
	for name, t := range fields {
		if strings.EqualFold(name, key) {
			return name, t, true
		}
	}
	return "", nil, false
}

// wrongKind reports a value of the wrong kind, showing it as written.
// Kinds this check does not know are left to encoding/json.
func (w *shapeWalker) wrongKind(path string, k reflect.Kind, tok json.Token) {
	got, line := jsonText(tok), w.line()
	switch k {
	case reflect.String:
		w.v.fail(path, "not_text", got, line)
	case reflect.Bool:
		w.v.fail(path, "not_bool", got, line)
	case reflect.Int, reflect.Int64, reflect.Int32:
		w.v.fail(path, "not_whole_number", got, line)
	case reflect.Slice:
		w.v.fail(path, "not_list", got, line)
	case reflect.Struct:
		w.v.fail(path, "not_object", got, line)
	}
}

// unknown reports a field the settings file does not have, with the
// name it was probably meant to be.
func (w *shapeWalker) unknown(path, key string, fields map[string]reflect.Type) {
	if near := nearest(key, fields); near != "" {
		w.v.fail(path, "unknown_field_near", w.line(), near)
		return
	}
	w.v.fail(path, "unknown_field", w.line())
}

// fits reports whether token tok is a value of kind k.
func fits(k reflect.Kind, tok json.Token) bool {
	switch v := tok.(type) {
	case string:
		return k == reflect.String
	case bool:
		return k == reflect.Bool
	case json.Number:
		_, err := v.Int64()
		return err == nil && (k == reflect.Int || k == reflect.Int64 || k == reflect.Int32)
	}
	return false
}

// jsonText is a token as it would be written in the file; an object or
// a list is shown by its brackets.
func jsonText(tok json.Token) string {
	switch v := tok.(type) {
	case string:
		return strconv.Quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case json.Delim:
		if v == '{' {
			return "{...}"
		}
		return "[...]"
	}
	return "null"
}

// nearest is the field name closest to key when it is a likely typo (at
// most two letters off), else "".
func nearest(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	for name := range fields {
		if d := editDistance(strings.ToLower(key), name); d < bestDist || (d == bestDist && name < best) {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and
// b: Levenshtein's, with two swapped neighbours ("nmae") as one edit.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
