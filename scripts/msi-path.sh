#!/usr/bin/env bash
# Puts Postbridge's install folder on the system PATH of a built MSI
# (called by scripts/build-msi.sh right after wixl, before signing):
#   scripts/msi-path.sh FILE.msi
#
# Why a script: wixl (msitools 0.101) refuses WiX's <Environment> element,
# and a plain registry value cannot append to PATH — it would replace the
# whole system PATH. Windows Installer's own Environment table can: this
# adds the row WiX would write for
#   <Environment Name="Path" Value="[INSTALLDIR]" Part="first" Action="set"
#                System="yes" Permanent="no" />
# in the PostbridgeCli component (postbridge.com), with the two standard
# actions that apply it. Name "=-*Path": = set at install, - remove at
# uninstall, * the system's (not the user's) variable; Value "X;[~]":
# put X in front of what is there (the Environment table's documented
# prefix form; "[~];X" appends). Prefixed, not appended: Wine's msiexec
# takes an appended entry off but leaves its ";" at the end of the PATH,
# while the prefixed one leaves the PATH exactly as it was (both forms
# tried under Wine 8; "[~];X;" is ICE65's trailing separator and doubles
# at a reinstall). Being first shadows nothing: the folder holds only
# postbridge.exe and .com, and only admins can write to it.
# msiexec tells running programs that the environment changed; consoles
# opened before keep their old PATH.
set -euo pipefail
msi=${1:?usage: scripts/msi-path.sh FILE.msi}
die() { echo "msi-path: $*" >&2; exit 1; }
command -v msibuild >/dev/null || die "msibuild missing (Debian: msitools)"
[ -f "$msi" ] || die "$msi not found"
# msiinfo's output is read whole before grep looks at it: msiinfo writes
# row by row, and with pipefail "msiinfo | grep -q" failed about one run
# in four when grep had its match and quit before msiinfo's last write.
components=$(msiinfo export "$msi" Component)
tables=$(msiinfo tables "$msi")
grep -q '^PostbridgeCli	' <<<"$components" ||
  die "$msi has no PostbridgeCli component (packaging/windows/postbridge.wxs)"
if grep -qx Environment <<<"$tables"; then
  die "$msi already has an Environment table"
fi

# The table's schema and the actions' places are Windows Installer's
# standard ones (the sequence numbers WiX uses).
msibuild "$msi" \
  -q 'CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)' \
  -q "INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('PostbridgePath', '=-*Path', '[INSTALLDIR];[~]', 'PostbridgeCli')" \
  -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)" \
  -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)" ||
  die "msibuild could not add the PATH entry to $msi"
echo "msi-path: $msi puts [INSTALLDIR] on the system PATH"
