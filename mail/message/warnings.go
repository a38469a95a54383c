package message

// The kinds of Parsed.Warnings: what a message lacked or what could not be
// read, as problems (postbridge/problem) that the window and the command
// line word in their reader's language. Arguments are named in the
// comment; "Detail" is a library's own words.
const (
	WarnNoHeader            = "message.no_header"             // no RFC 5322 header found; imported as raw
	WarnUnparsable          = "message.unparsable"            // Detail: the parser's failure; imported as raw
	WarnHeaderNoBlankLine   = "message.header_no_blank_line"  // RFC 5322 §2.1
	WarnHeaderFieldDropped  = "message.header_field_dropped"  // Field, Size, Limit (bytes)
	WarnHeaderTooLarge      = "message.header_too_large"      // Limit (bytes)
	WarnHeader              = "message.header"                // Detail
	WarnNoFrom              = "message.no_from"               //
	WarnNoMessageID         = "message.no_message_id"         //
	WarnBadMessageID        = "message.bad_message_id"        // A: the Message-ID as written
	WarnNoDate              = "message.no_date"               //
	WarnBadDate             = "message.bad_date"              // A: the Date as written
	WarnNoAddress           = "message.no_address"            // Field, Value
	WarnLenientAddress      = "message.lenient_address"       // Field
	WarnTooManyAddresses    = "message.too_many_addresses"    // Limit
	WarnMIMEStructure       = "message.mime_structure"        // Detail
	WarnNoReadablePart      = "message.no_readable_part"      // the body is shown as plain text
	WarnBodyTooLong         = "message.body_too_long"         // Limit (bytes)
	WarnMIMEPart            = "message.mime_part"             // Section, Detail
	WarnMIMEPartPartly      = "message.mime_part_partly"      // Section, Detail; what could be read is kept
	WarnMIMETooDeep         = "message.mime_too_deep"         // Limit
	WarnMIMETooMany         = "message.mime_too_many"         // Limit
	WarnNoBoundary          = "message.no_boundary"           // Subtype (RFC 2046 §5.1.1)
	WarnBoundaryNeverOccurs = "message.boundary_never_occurs" // Subtype (RFC 2046 §5.1.1)
	WarnNoClosingBoundary   = "message.no_closing_boundary"   // Subtype
	WarnMultipart           = "message.multipart"             // Subtype, Detail
	WarnUnknownEncoding     = "message.unknown_encoding"      // A: the Content-Transfer-Encoding
	WarnUnknownCharset      = "message.unknown_charset"       // A: the charset
	WarnCharset             = "message.charset"               // A: the charset, B: the decoder's failure
	WarnTNEF                = "message.tnef"                  // winmail.dat is kept as one attachment
	WarnMore                = "message.more"                  // more problems; only the first are listed
)

// WarningKinds lists every kind above, for the translations' completeness
// test.
var WarningKinds = []string{WarnNoHeader, WarnUnparsable, WarnHeaderNoBlankLine, WarnHeaderFieldDropped,
	WarnHeaderTooLarge, WarnHeader, WarnNoFrom, WarnNoMessageID, WarnBadMessageID, WarnNoDate, WarnBadDate,
	WarnNoAddress, WarnLenientAddress, WarnTooManyAddresses, WarnMIMEStructure, WarnNoReadablePart,
	WarnBodyTooLong, WarnMIMEPart, WarnMIMEPartPartly, WarnMIMETooDeep, WarnMIMETooMany, WarnNoBoundary,
	WarnBoundaryNeverOccurs, WarnNoClosingBoundary, WarnMultipart, WarnUnknownEncoding, WarnUnknownCharset,
	WarnCharset, WarnTNEF, WarnMore}
