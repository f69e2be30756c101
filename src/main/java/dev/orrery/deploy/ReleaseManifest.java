package dev.orrery.deploy;

/**
 * A release's manifest on its server, {@code manifests/ID.sha256}: one {@code sha256sum} line per
 * regular file of the release as installed ({@code HASH  ./path}), then a trailer line
 * {@code #orrery-manifest SHA} holding the SHA-256 of all the lines before it. Written when the
 * release is installed ({@link ReleaseCommands#finish(String, String)}), read by the next delta
 * deploy ({@link DeltaCommands#releaseIndex}) instead of hashing the release's files again.
 *
 * <p>Trust: a manifest is only ever used for the files it lists (the index emits its lines and
 * nothing else; a file it does not list is never offered for reuse), and only when whole: a
 * manifest without the trailer (written by an older Orrery, or by hand), cut short, or whose
 * lines do not match the trailer's SHA-256, is thrown away and the release hashed again, as before
 * manifests were kept. A manifest that is whole but stale (a release file edited by hand after its
 * install) can still offer a wrong file; the built release's full SHA-256 check
 * ({@link DeltaCommands#applyDelta}) catches that, and the server then gets the release whole.
 */
final class ReleaseManifest {
    /** The first word of a manifest's last line. */
    static final String TRAILER = "#orrery-manifest";

    private ReleaseManifest() {
    }

    /**
     * Perl: reads NUL-separated paths ({@code find . -type f -print0}) on stdin and prints the
     * manifest's lines: the hash a delta upload verified for a path (the file named by argument 1,
     * {@code HASH  ./path} lines; "" for none) unless the path is under the npm install directory
     * (argument 2: "" none, "." all — npm may have changed those files since) or is the start script
     * (written after the check); every other file through {@code sha256sum}.
     */
    static final String BUILD = """
            use strict;
            my ($verified, $npm) = @ARGV;
            my %known;
            if ($verified ne '' && open(my $v, '<', $verified)) {
              while (my $l = <$v>) {
                chomp $l;
                next unless $l =~ /^([0-9a-f]{64})  \\.\\/(.+)$/;
                my ($h, $p) = ($1, $2);
                next if $p eq '.orrery-start' || $npm eq '.' || ($npm ne '' && index($p, "$npm/") == 0);
                $known{$p} = $h;
              }
            }
            my @out;
            local $/ = "\\0";
            open(my $x, '|-', 'xargs', '-0', '-r', 'sha256sum') or die "xargs: $!\\n";
            while (my $f = <STDIN>) {
              chomp $f;
              (my $p = $f) =~ s{^\\./}{};
              if (exists $known{$p}) { push @out, "$known{$p}  ./$p\\n"; } else { print $x "$f\\0"; }
            }
            close($x) or die "hashing the release's files failed\\n";
            print @out;
            """;

    /**
     * Shell: {@code whole FILE} exits 0 when FILE is a manifest with its trailer and its lines match
     * the trailer's SHA-256. Needs {@code T} set to {@link #TRAILER}.
     */
    static final String WHOLE = """
            whole() {
              [ -s "$1" ] || return 1
              t=$(tail -n 1 "$1")
              case "$t" in "$T "*) ;; *) return 1;; esac
              [ "$(head -n -1 "$1" | sha256sum | cut -c1-64)" = "${t#"$T "}" ]
            }
            """;
}
