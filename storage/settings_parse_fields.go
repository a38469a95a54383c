package storage

import (
	"encoding/json"
	"fmt"
	"reflect"
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

// expected says in words what a value of kind t looks like; "" for a
// type the shape check leaves to encoding/json.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Slice:
		return "a list, [...]"
	case reflect.Struct:
		return "an object, {...}"
	}
	return ""
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

// describe names a token for an error message.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprint(v)
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	}
	return "null"
}

// suggestion is ", did you mean "x"?" when one field's name is close to
// key (a typo: at most two letters off), else "".
func suggestion(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	for name := range fields {
		if d := editDistance(strings.ToLower(key), name); d < bestDist || (d == bestDist && name < best) {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(", did you mean %q?", best)
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
