package demo

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Mail is one sample message and where `make demo` delivers it.
type Mail struct {
	Login  string // the IMAP login of the mailbox (LoginTineke, LoginThijs)
	Folder string // "Postbridge/In", "Postbridge/Out" or a project folder
	Raw    []byte // RFC 5322 with CRLF line ends
}

// The folders of the demo accounts (manual 000 transfer mode, manual 004
// project folders).
const (
	FolderIn  = "Postbridge/In"
	FolderOut = "Postbridge/Out"
)

// sample is a mail before it is written out.
type sample struct {
	login, folder      string
	from, to, cc, subj string
	date               time.Time
	body               string
	attachment         string // file name of a PDF-like attachment; "" for none
}

var amsterdam = time.FixedZone("CEST", 2*60*60)

func may(day, hour, minute int) time.Time {
	return time.Date(2024, 5, day, hour, minute, 0, 0, amsterdam)
}

const (
	tineke = "Tineke de Vries <tineke@devriesbouw.nl>"
	thijs  = "Thijs Bakker <thijs@devriesbouw.nl>"
)

func samples() []sample {
	return []sample{
		{LoginTineke, FolderIn, "Gemeente Utrecht <bouwzaken@utrecht.nl>", tineke, "",
			"Besluit omgevingsvergunning basisschool De Regenboog", may(13, 9, 12),
			"Geachte mevrouw De Vries,\n\nHierbij ontvangt u het besluit op uw aanvraag omgevingsvergunning voor de nieuwbouw van basisschool De Regenboog (zaaknummer Z/24/081234). De vergunning is verleend.\n\nMet vriendelijke groet,\n\nTeam Vergunningen\nGemeente Utrecht",
			"besluit-omgevingsvergunning.pdf"},
		{LoginTineke, FolderIn, "Piet Jansen <piet@jansen-install.nl>", tineke, "",
			"Offerte installaties project 2024-017", may(14, 10, 40),
			"Beste Tineke,\n\nZoals besproken stuur ik je bijgaand onze offerte voor de W- en E-installaties van de basisschool. De prijzen zijn geldig tot 1 juli.\n\nGroet,\nPiet Jansen\nJansen Installatietechniek B.V.",
			"offerte-O24-0312.pdf"},
		{LoginTineke, FolderIn, "Bouwcombinatie Utrecht <" + SharedAddress + ">", tineke, "",
			"Planning fundering week 21", may(15, 8, 5),
			"Goedemorgen,\n\nDe heiwerkzaamheden schuiven een week op door de levering van de palen. Nieuwe start: maandag 20 mei.\n\nMet vriendelijke groet,\nBouwcombinatie Utrecht (Smit / Van Dijk)",
			""},
		{LoginTineke, FolderIn, "Bouwmaterialen Direct <nieuwsbrief@bouwmaterialen-direct.nl>", tineke, "",
			"Voorjaarsaanbieding gereedschap", may(15, 11, 0),
			"Deze week 20% korting op al het elektrisch gereedschap. Bekijk het aanbod in onze webshop.\n\nAfmelden? Stuur een e-mail naar afmelden@bouwmaterialen-direct.nl.",
			""},
		{LoginTineke, FolderIn, "Marieke van Dijk <m.vandijk@vandijkarchitecten.nl>", tineke, "Kees Smit <kees@smitbouw.nl>",
			"Tekeningen revisie C", may(16, 14, 25),
			"Hallo Tineke,\n\nIn de bijlage de plattegronden revisie C, met de verplaatste trapopgang en de extra berging.\n\nGroeten,\nMarieke van Dijk\nVan Dijk Architecten",
			"plattegrond-rev-C.pdf"},
		{LoginTineke, FolderIn, "Woningstichting Oudwijk <projecten@wsoudwijk.nl>", tineke, "",
			"Bewonersavond renovatie Oudwijk", may(17, 16, 45),
			"Beste mevrouw De Vries,\n\nOp donderdag 30 mei organiseren wij een bewonersavond over de renovatie. Wilt u de planning toelichten?\n\nMet vriendelijke groet,\nWoningstichting Oudwijk",
			""},
		{LoginTineke, FolderOut, tineke, "Gemeente Utrecht <bouwzaken@utrecht.nl>", "",
			"Aanvullende stukken Z/24/081234", may(13, 15, 30),
			"Geachte heer, mevrouw,\n\nHierbij stuur ik u de gevraagde constructieberekening voor de basisschool.\n\nMet vriendelijke groet,\n\nTineke de Vries\nBouwbedrijf De Vries B.V.",
			"constructieberekening.pdf"},
		{LoginTineke, FolderOut, tineke, "Piet Jansen <piet@jansen-install.nl>", "",
			"Opdrachtbevestiging installaties 2024-017", may(16, 9, 10),
			"Beste Piet,\n\nHierbij bevestigen wij de opdracht volgens jullie offerte O24-0312. Start installatiewerk in week 27.\n\nMet vriendelijke groet,\nTineke de Vries",
			""},
		{LoginThijs, FolderIn, "Hout & Bouw Groothandel <verkoop@houtenbouw.nl>", thijs, "",
			"Leverbon kozijnhout Oudwijk", may(14, 7, 50),
			"Beste Thijs,\n\nDe levering van het kozijnhout voor de 24 woningen staat gepland op woensdag 22 mei, tussen 7:00 en 9:00 uur.\n\nMet vriendelijke groet,\nAfdeling verkoop",
			"leverbon-240522.pdf"},
		{LoginThijs, FolderIn, "Henk Bakker <henk@bakkerdakwerken.nl>", thijs, "",
			"Meerwerk dakgoten blok B", may(16, 12, 5),
			"Thijs,\n\nBij blok B zijn de zinken dakgoten slechter dan gedacht. Vervangen kost ongeveer 3.400 euro extra. Graag akkoord voor vrijdag.\n\nHenk",
			""},
		{LoginThijs, FolderOut, thijs, "Marieke van Dijk <m.vandijk@vandijkarchitecten.nl>", "Kees Smit <kees@smitbouw.nl>",
			"Notulen bouwvergadering 16 mei", may(16, 17, 20),
			"Beste allemaal,\n\nIn de bijlage de notulen van de bouwvergadering van vandaag. Actiepunten staan onderaan.\n\nGroet,\nThijs Bakker\nProjectleider",
			"notulen-bouwvergadering-16-mei.pdf"},
		{LoginThijs, "ProjektPro/2025-003 Uitbreiding bedrijfshal Nieuwegein", "Gemeente Nieuwegein <omgevingsloket@nieuwegein.nl>", thijs, "",
			"Vooroverleg uitbreiding bedrijfshal", may(17, 10, 0),
			"Geachte heer Bakker,\n\nGraag nodigen wij u uit voor een vooroverleg over de uitbreiding van de bedrijfshal aan de Einsteinbaan. Schikt dinsdag 28 mei om 10:00 uur?\n\nMet vriendelijke groet,\nOmgevingsloket Nieuwegein",
			""},
	}
}

// Mails returns the sample mails, always the same bytes.
func Mails() []Mail {
	var out []Mail
	for i, s := range samples() {
		out = append(out, Mail{Login: s.login, Folder: s.folder, Raw: s.raw(i + 1)})
	}
	return out
}

// raw writes the sample as RFC 5322: quoted-printable UTF-8 text, and
// with an attachment a multipart/mixed whose second part is base64.
func (s sample) raw(n int) []byte {
	var b strings.Builder
	header := func(name, value string) {
		if value != "" {
			b.WriteString(name + ": " + value + "\r\n")
		}
	}
	header("From", s.from)
	header("To", s.to)
	header("Cc", s.cc)
	header("Subject", s.subj)
	header("Date", s.date.Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<demo-%02d.%s@devriesbouw.nl>", n, s.date.Format("20060102")))
	header("MIME-Version", "1.0")
	text := strings.ReplaceAll(s.body, "\n", "\r\n") + "\r\n"
	if s.attachment == "" {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
		return []byte(b.String())
	}
	boundary := fmt.Sprintf("=_demo_%02d", n)
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", boundary, text)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: application/pdf; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n", boundary, s.attachment, s.attachment)
	enc := base64.StdEncoding.EncodeToString(pdf(s.subj))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	fmt.Fprintf(&b, "%s\r\n--%s--\r\n", enc, boundary)
	return []byte(b.String())
}

// pdf is a small one-page PDF showing title, so an opened attachment
// shows something sensible.
func pdf(title string) []byte {
	title = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(title)
	stream := fmt.Sprintf("BT /F1 16 Tf 72 760 Td (%s) Tj ET", title)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return []byte(b.String())
}
