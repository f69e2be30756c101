package dev.orrery.deploy;

import dev.orrery.remote.Command;

/**
 * The server side of "send only what changed" ({@link DeltaUpload}), as data like
 * {@link ReleaseCommands}: list the file hashes of earlier releases, build a release from the
 * sent files and the reused ones, verify it.
 */
final class DeltaCommands {
    private final ReleaseCommands release;

    DeltaCommands(ReleaseCommands release) {
        this.release = release;
    }

    private AppLayout layout() {
        return release.layout();
    }

    /**
     * One line per distinct file content in the finished releases on this server, newest release
     * first: {@code HASH ID/./path}. Each release's list is its manifest ({@link ReleaseManifest}),
     * written when it was installed; a release without a whole manifest (installed by an older
     * Orrery or by hand, or a manifest cut short or damaged) is hashed now and its manifest written,
     * with a line {@code orrery:hashed ID (why)} saying so. Manifests of releases that are gone are
     * removed. Names sha256sum has to escape (newline, backslash) are left out.
     */
    public Command releaseIndex() {
        return ReleaseCommands.script("list file hashes of earlier releases", ReleaseManifest.WHOLE + """
                set -e
                root=$1; T=$2
                [ -d "$root/releases" ] || exit 0
                mkdir -p "$root/manifests"; chmod 700 "$root/manifests"
                cd "$root/releases"
                for id in *; do
                  case "$id" in *.tmp|'*') continue;; esac
                  [ -d "$id" ] || continue
                  m="$root/manifests/$id.sha256"
                  if ! whole "$m"; then
                    if [ -e "$m" ]; then why="its manifest is not whole"; else why="no manifest"; fi
                    (cd "$id" && find . -type f -print0 | xargs -0 -r sha256sum) >"$m.part"
                    printf '%s %s\\n' "$T" "$(sha256sum <"$m.part" | cut -c1-64)" >>"$m.part"
                    mv -f "$m.part" "$m"
                    echo "orrery:hashed $id ($why)"
                  fi
                done
                for m in "$root/manifests"/*.sha256; do
                  [ -e "$m" ] || continue
                  id=${m##*/}; id=${id%.sha256}
                  [ -d "$root/releases/$id" ] || rm -f "$m"
                done
                ls -1 | grep -v '\\.tmp$' | sort -r | while IFS= read -r id; do
                  [ -d "$id" ] && [ -s "$root/manifests/$id.sha256" ] || continue
                  ID=$id awk 'substr($0, 1, 1) != "\\\\" && substr($0, 1, 1) != "#" { print $1 " " ENVIRON["ID"] "/" substr($0, 67) }' "$root/manifests/$id.sha256"
                done | awk '!seen[$1]++'
                """, layout().root(), ReleaseManifest.TRAILER);
    }

    /**
     * Builds releases/ID.tmp from a delta upload: unpacks the sent entries (the upload, as
     * {@link ReleaseCommands#unpack}), then makes every reused file from the plan's {@code L} lines — a hard link
     * to the earlier release's file when its mode matches (group/other write aside: {@link ReleaseCommands#finish}
     * clears those anyway), else a copy — and
     * finally checks every {@code H} line with {@code sha256sum -c}. Exits 3, saying which files
     * differ, when the result is not the release: the caller then uploads it whole.
     *
     * <p>A hard link shares its inode with a live release, so nothing may write to or chown it
     * before the release is finished: files under the release's npm install directory (which
     * {@link ReleaseCommands#npmInstall} hands to the app's user) are copied instead.
     */
    public Command applyDelta(String id, DetectedRelease detected) {
        return build(id, detected).and(verify(id)).describedAs("build " + id + " from the changed files and earlier releases");
    }

    /** The first half of {@link #applyDelta}: the sent entries unpacked, the reused files linked or copied. */
    Command build(String id, DetectedRelease detected) {
        Command unpackSent = release.unpack(id, detected);
        // npm install chowns its directory to the app's user and writes in it: files there are copied
        String copyUnder = detected.npmInstallDir() == null ? "" : detected.npmInstallDir();
        Command reuse = Command.of("perl", "-e", REUSE_FILES, layout().deltaPlan(id), layout().releases(), layout().release(id) + ".tmp",
                copyUnder).describedAs("reuse unchanged files for " + id);
        return unpackSent.and(reuse).describedAs("build " + id + " from the changed files and earlier releases");
    }

    /**
     * The second half of {@link #applyDelta}: every file of the plan checked by SHA-256, the sent ones
     * and the reused ones alike (exit 3 when one differs). Why all of them, and not only what was
     * written plus the hard links' identity: a reused file is chosen by the hash its earlier
     * release's manifest gives, and a file edited by hand since (as root, or by the app where it
     * runs as the deploying user) keeps its inode while its content no longer matches that hash;
     * only reading it shows that ({@code ReleaseManifestTest}, {@code DeltaUploadTest}). Measured
     * ({@code FanOutBenchmark 3 52}, the per-server line "verified in"): 1.1–1.3 s wall per server
     * with three servers checking at once on the 2 shared cores of the test machine (load ~6);
     * sha256sum of 52 MB is 0.32 s of CPU there, so on a droplet it is a fraction of a second, paid
     * in parallel across servers and once per deploy, against the ~10 s the small-change deploy lost
     * to hashing earlier releases, serial preflights and the serial fan-out source. "Verify before
     * anything is installed" is kept whole.
     */
    Command verify(String id) {
        return ReleaseCommands.script("verify " + id + " against its SHA-256 manifest", """
                cd "$1.tmp" || exit 1
                grep '^H ' "$2" | cut -c3- >"$3"
                if ! sha256sum -c --quiet --strict "$3" >"$1.verify" 2>&1; then
                  echo "the rebuilt release does not match its manifest:"; head -n 5 "$1.verify"
                  rm -f "$1.verify" "$3"; exit 3
                fi
                rm -f "$1.verify" "$2"
                """, layout().release(id), layout().deltaPlan(id), layout().verifiedHashes(id));
    }

    /**
     * Perl (perl-base is part of every Debian/Ubuntu install): one process makes thousands of links,
     * where a shell loop would start three programs per file. Arguments: plan, releases dir, target, the
     * directory whose files are copied rather than linked ("" none, "." all).
     */
    private static final String REUSE_FILES = """
            use strict; use File::Copy qw(copy);
            my ($plan, $releases, $tmp, $copyUnder) = @ARGV;
            sub mkpath { my $p = shift; return if -d $p; (my $up = $p) =~ s{/[^/]*$}{}; mkpath($up) if $up ne '' && $up ne $p; mkdir($p) or -d $p or die "mkdir $p: $!\\n"; }
            open(my $fh, '<', $plan) or die "$plan: $!\\n";
            my ($linked, $copied) = (0, 0);
            while (my $l = <$fh>) {
              chomp $l;
              next unless $l =~ /^L ([0-7]+)\\t([^\\t]+)\\t([^\\t]+)$/;
              my ($mode, $src, $rel, $dst) = (oct($1), "$releases/$2", $3, "$tmp/$3");
              my $copy = $copyUnder eq '.' || ($copyUnder ne '' && index($rel, "$copyUnder/") == 0);
              (my $dir = $dst) =~ s{/[^/]*$}{};
              mkpath($dir);
              my @st = lstat($src) or die "$src: $!\\n";
              die "$src is not a regular file\\n" unless -f _;
              unlink($dst);
              if (!$copy && ($st[2] & 07755) == ($mode & 07755) && link($src, $dst)) { $linked++; next; }
              copy($src, $dst) or die "copy $src: $!\\n";
              chmod($mode, $dst) or die "chmod $dst: $!\\n";
              $copied++;
            }
            print "reused $linked files as hard links, $copied as copies\\n";
            """;

}
