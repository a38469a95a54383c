package api

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// listPage cuts one page out of a whole list (relations, projects):
// sorted by key, which is unique, the items after the cursor's key, at
// most limit (default and largest MaxPageSize) of them, and the cursor of
// the next page, "" on the last. The cursor holds a key, not a position,
// so a record added or removed meanwhile shifts nothing.
func listPage[T any](v url.Values, list []T, key func(T) string) ([]T, string, error) {
	limit := MaxPageSize
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > MaxPageSize {
			return nil, "", fmt.Errorf("limit: a number from 1 to %d", MaxPageSize)
		}
		limit = n
	}
	slices.SortStableFunc(list, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	start := 0
	if c := v.Get("cursor"); c != "" {
		b, err := base64.RawURLEncoding.DecodeString(c)
		if err != nil || !bytes.HasPrefix(b, []byte("k")) {
			return nil, "", fmt.Errorf("cursor: not one this server gave")
		}
		after := string(b[1:])
		i, found := slices.BinarySearchFunc(list, after, func(e T, k string) int { return strings.Compare(key(e), k) })
		if found {
			i++
		}
		start = i
	}
	end := min(start+limit, len(list))
	next := ""
	if end < len(list) {
		next = base64.RawURLEncoding.EncodeToString([]byte("k" + key(list[end-1])))
	}
	return list[start:end], next, nil
}

// byNameAndID is a unique sort key: the name, then the ID.
func byNameAndID(name string, id uint) string { return fmt.Sprintf("%s\x00%010d", name, id) }
