// Package message turns one raw e-mail into what Postbridge stores: decoded
// headers, the text and HTML bodies, and the attachments, which it can save
// under the company attachment path.
//
// Parsing never fails. Mail from the wild breaks every rule of RFC 5322 and
// RFC 2045-2047 (8-bit headers, unknown charsets, broken boundaries, missing
// headers), and one bad message must not stop a sync (DESIGN.md §4). What
// can be read is returned; every problem becomes a line in
// [Parsed.Warnings]; the caller keeps the raw message, so nothing is lost.
// All text returned is valid UTF-8 without NUL bytes, because PostgreSQL
// refuses both in text columns.
//
// Memory stays bounded for large mail: the raw bytes are read in place, not
// copied; attachments are hashed while they stream by and are decoded a
// second time only when [SaveAttachments] writes them ([ParseAndSavePending]
// writes them as they stream by, in the one pass); text and HTML bodies
// and header fields are capped, with a warning when something is cut.
//
// # Attachment layout
//
// [SaveAttachments] writes under root/[Parsed.Dir], which is
//
//	<yyyy>/<mm>/<first 16 hex digits of the SHA-256 of the raw message>/<file name>
//
// The year and month come from the Date header in UTC ("undated" when it is
// missing), so an office can browse and archive the folder by period. The
// hash gives every message its own directory without asking the database,
// so names only have to be unique within one message, and it depends only
// on the bytes of the message: a re-import (ReIndex, a changed UIDVALIDITY,
// a crash before commit) lands in the same directory under the same names
// and finds identical files already there instead of writing copies.
//
// Nothing is written outside root: root's own symbolic links are resolved
// once, every later step goes through [os.Root], which refuses paths and
// symbolic links that lead out, and the resolved target directory is
// checked again before the first write.
//
// The go-message types stay inside this package; callers see only [Parsed],
// [Address], [Part] and [Saved].
package message
