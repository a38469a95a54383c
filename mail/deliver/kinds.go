package deliver

// Kind names what a check found; explain words it in four languages.
type Kind string

// SPF (RFC 7208 §8): the result for each sending address.
const (
	SPFPass          Kind = "spf_pass"             // the record names the address
	SPFFail          Kind = "spf_fail"             // "-all": receivers refuse
	SPFSoftFail      Kind = "spf_softfail"         // "~all": receivers mark it suspect
	SPFNeutral       Kind = "spf_neutral"          // "?all": no statement
	SPFNone          Kind = "spf_none"             // no SPF record
	SPFMultiple      Kind = "spf_multiple"         // more than one record (§4.5)
	SPFTooManyLookup Kind = "spf_too_many_lookups" // over 10 DNS look-ups (§4.6.4)
	SPFTooManyVoid   Kind = "spf_too_many_void"    // over 2 void look-ups (§4.6.4)
	SPFPermError     Kind = "spf_permerror"        // the record cannot be read
	SPFTempError     Kind = "spf_temperror"        // DNS did not answer
	SPFNoAddress     Kind = "spf_no_address"       // the sending address is unknown
	SPFPrivate       Kind = "spf_private_address"  // only a private address is known
)

// DKIM (RFC 6376 §6): each signature on the mail sent through the route.
const (
	DKIMPass        Kind = "dkim_pass"         // valid signature by domain/selector
	DKIMNoKey       Kind = "dkim_no_key"       // no key published for the selector
	DKIMBad         Kind = "dkim_bad"          // signature does not verify (wrong key)
	DKIMTempError   Kind = "dkim_temperror"    // DNS did not answer
	DKIMUnsigned    Kind = "dkim_unsigned"     // the mail carried no signature
	DKIMNotChecked  Kind = "dkim_not_checked"  // no mail was sent through the route
	DKIMOtherDomain Kind = "dkim_other_domain" // valid, but not aligned with From
)

// The test mail's round trip (probe.go): why DKIM could not be checked,
// or where the mail went and whether it was deleted again.
const (
	DKIMNoMailbox    Kind = "dkim_no_mailbox"    // no readable mailbox for the address
	DKIMSendFailed   Kind = "dkim_send_failed"   // the route refused the test mail
	DKIMNotArrived   Kind = "dkim_not_arrived"   // it did not arrive within the wait
	DKIMReadFailed   Kind = "dkim_read_failed"   // the mailbox could not be read
	DKIMProbeDeleted Kind = "dkim_probe_deleted" // read back, then deleted by UID
	DKIMProbeLeft    Kind = "dkim_probe_left"    // read back, left (no UIDPLUS)
)

// DMARC (RFC 7489): the policy and whether SPF or DKIM aligns.
const (
	DMARCNone        Kind = "dmarc_none"         // no record
	DMARCInvalid     Kind = "dmarc_invalid"      // a record that does not parse
	DMARCTempError   Kind = "dmarc_temperror"    // DNS did not answer
	DMARCPolicyNone  Kind = "dmarc_policy_none"  // p=none: reports only
	DMARCQuarantine  Kind = "dmarc_quarantine"   // p=quarantine: failing mail goes to spam
	DMARCReject      Kind = "dmarc_reject"       // p=reject: failing mail is refused
	DMARCAlignedSPF  Kind = "dmarc_aligned_spf"  // SPF passes for an aligned domain
	DMARCAlignedDKIM Kind = "dmarc_aligned_dkim" // DKIM passes for an aligned domain
	DMARCNotAligned  Kind = "dmarc_not_aligned"  // neither aligns: the policy applies
)

// MX (RFC 5321 §5.1, RFC 7505) of the From domain.
const (
	MXFound     Kind = "mx_found"    // hosts that take replies and bounces
	MXImplicit  Kind = "mx_implicit" // no MX, the domain's own address is used
	MXNull      Kind = "mx_null"     // "MX 0 ." : the domain takes no mail
	MXNone      Kind = "mx_none"     // neither MX nor address
	MXTempError Kind = "mx_temperror"
)

// Reverse DNS of each sending address (RFC 1912 §2.1; Google's and
// Yahoo's sender rules ask for a PTR that resolves back).
const (
	PTRConfirmed Kind = "ptr_confirmed" // PTR name resolves back to the address
	PTRMismatch  Kind = "ptr_mismatch"  // PTR name does not lead back
	PTRNone      Kind = "ptr_none"      // no PTR record
	PTRTempError Kind = "ptr_temperror"
)

// Kinds lists every kind, for the translations' completeness test.
func Kinds() []Kind {
	return []Kind{SPFPass, SPFFail, SPFSoftFail, SPFNeutral, SPFNone, SPFMultiple, SPFTooManyLookup,
		SPFTooManyVoid, SPFPermError, SPFTempError, SPFNoAddress, SPFPrivate,
		DKIMPass, DKIMNoKey, DKIMBad, DKIMTempError, DKIMUnsigned, DKIMNotChecked, DKIMOtherDomain,
		DKIMNoMailbox, DKIMSendFailed, DKIMNotArrived, DKIMReadFailed, DKIMProbeDeleted, DKIMProbeLeft,
		DMARCNone, DMARCInvalid, DMARCTempError, DMARCPolicyNone, DMARCQuarantine, DMARCReject,
		DMARCAlignedSPF, DMARCAlignedDKIM, DMARCNotAligned,
		MXFound, MXImplicit, MXNull, MXNone, MXTempError,
		PTRConfirmed, PTRMismatch, PTRNone, PTRTempError}
}
