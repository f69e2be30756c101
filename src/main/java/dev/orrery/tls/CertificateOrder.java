package dev.orrery.tls;

import dev.orrery.task.Progress;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One certificate from an ACME CA with acme4j: the account (made or found by its key), an order
 * for the names, each authorization's challenge answered through a {@link ChallengeResponder}
 * and checked before the CA is asked, the order finalized with the balancer's certificate
 * request, and the chain downloaded. Every answer is taken away again, whatever happened.
 */
final class CertificateOrder {
    private final Session session;
    private final KeyPair accountKey;
    private final String email;
    private final Duration validationTimeout;

    CertificateOrder(Session session, KeyPair accountKey, String email, Duration validationTimeout) {
        this.session = session;
        this.accountKey = accountKey;
        this.email = email;
        this.validationTimeout = validationTimeout;
    }

    /** The chain, leaf first. {@code csrDer} is the balancer's request, which names {@code names}. */
    List<X509Certificate> order(List<String> names, byte[] csrDer, ChallengeResponder responder, Progress progress)
            throws TlsException, InterruptedException {
        Account account = account(progress);
        progress.step("Order a certificate for " + String.join(", ", names));
        Order order = call(TlsStep.ORDER, () -> account.newOrder().domains(names).create());

        List<ChallengeResponder.Published> published = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        try {
            for (Authorization auth : call(TlsStep.ORDER, order::getAuthorizations)) {
                if (auth.getStatus() == Status.VALID) {
                    progress.log(auth.getIdentifier().getDomain() + ": already authorized");
                    continue;
                }
                String name = auth.getIdentifier().getDomain();
                Challenge ch = auth.findChallenge(responder.type().word()).orElseThrow(() -> new TlsException(TlsStep.ORDER,
                        "the CA offers no " + responder.type().word() + " challenge for " + (auth.isWildcard() ? "*." : "") + name
                                + (auth.isWildcard() ? " (a wildcard needs dns-01)" : "")));
                progress.step("Publish the " + responder.type().word() + " answer for " + name);
                ChallengeResponder.Published p = responder.publish(name, ch, progress);
                published.add(p);
                pending.add(new Pending(name, auth, ch, p));
            }
            for (Pending p : pending) {
                progress.step("Check the " + responder.type().word() + " answer for " + p.name + " as the CA will see it");
                p.published.check(progress);
            }
            for (Pending p : pending) {
                progress.step("The CA validates " + p.name);
                call(TlsStep.VALIDATION, () -> {
                    p.challenge.trigger();
                    return null;
                });
            }
            for (Pending p : pending) {
                Status s = call(TlsStep.VALIDATION, () -> p.auth.waitForCompletion(validationTimeout));
                if (s != Status.VALID) {
                    call(TlsStep.VALIDATION, () -> p.challenge.fetch());
                    String why = p.challenge.getError().map(CertificateOrder::describe).orElse("status " + s);
                    throw new TlsException(TlsStep.VALIDATION, "the CA could not validate " + p.name + " by "
                            + responder.type().word() + ": " + why);
                }
                progress.log(p.name + ": validated");
            }
        } finally {
            published.forEach(ChallengeResponder.Published::close);
        }

        progress.step("Finalize the order with the balancer's certificate request");
        call(TlsStep.FINALIZE, () -> {
            order.waitUntilReady(validationTimeout);
            order.execute(csrDer);
            return null;
        });
        Status done = call(TlsStep.FINALIZE, () -> order.waitForCompletion(validationTimeout));
        if (done != Status.VALID) {
            throw new TlsException(TlsStep.FINALIZE, "the order ended " + done + order.getError().map(e -> ": " + describe(e)).orElse(""));
        }
        progress.step("Download the certificate");
        return call(TlsStep.DOWNLOAD, () -> order.getCertificate().getCertificateChain());
    }

    private Account account(Progress progress) throws TlsException, InterruptedException {
        progress.step("Open the ACME account at " + session.getServerUri());
        return call(TlsStep.ACCOUNT, () -> {
            AccountBuilder b = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
            if (email != null && !email.isEmpty()) {
                b.addEmail(email);
            }
            return b.create(session);
        });
    }

    private record Pending(String name, Authorization auth, Challenge challenge, ChallengeResponder.Published published) {
    }

    interface AcmeCall<T> {
        T run() throws AcmeException, InterruptedException;
    }

    /** Runs an acme4j call, turning its failure into a {@link TlsException} that names the step and the CA's own words. */
    static <T> T call(TlsStep step, AcmeCall<T> c) throws TlsException, InterruptedException {
        try {
            return c.run();
        } catch (AcmeServerException e) {
            throw new TlsException(step, "the CA said: " + describe(e.getProblem()), true, e);
        } catch (AcmeException e) {
            throw new TlsException(step, e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), true, e);
        } catch (org.shredzone.acme4j.exception.AcmeLazyLoadingException e) {
            throw new TlsException(step, e.getMessage(), true, e);
        }
    }

    static String describe(Problem p) {
        String detail = p.getDetail().orElse(p.getTitle().orElse(String.valueOf(p.getType())));
        String type = String.valueOf(p.getType()).replace("urn:ietf:params:acme:error:", "");
        return detail + " (" + type + ")";
    }
}
