package dev.orrery.tls;

/**
 * The steps of getting and installing a certificate, named as a failure message names them, so
 * whoever reads "failed at …" knows what to look at.
 */
public enum TlsStep {
    PLAN("check the cluster's TLS settings"),
    PUSH("push the balancer configuration"),
    KEY("make the key and certificate request on the balancer"),
    ACCOUNT("open the ACME account"),
    ORDER("order the certificate"),
    HTTP01_PUBLISH("publish the http-01 token on the balancer"),
    HTTP01_SELF_CHECK("fetch the http-01 token through port 80 from outside"),
    DNS01_PUBLISH("create the dns-01 TXT record at DigitalOcean"),
    DNS01_PROPAGATION("wait for the dns-01 TXT record to be visible"),
    VALIDATION("the CA validates the challenge"),
    FINALIZE("finalize the order"),
    DOWNLOAD("download the certificate"),
    INSTALL("install the certificate on the balancer"),
    VERIFY("check the served certificate from outside"),
    TIMER("set up renewals on the balancer");

    private final String words;

    TlsStep(String words) {
        this.words = words;
    }

    /** What the step does, e.g. "fetch the http-01 token through port 80 from outside". */
    public String words() {
        return words;
    }
}
