package dev.orrery.remote;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

import java.io.IOException;

/**
 * sshj public-key login with one key held by the ssh-agent: offers the public key, and when
 * the server answers PK_OK, has the agent sign the request (RFC 4252 §7). RSA keys sign with
 * rsa-sha2-256, which current OpenSSH servers require.
 */
final class AgentAuth extends AbstractAuthMethod {
    private final SshAgent agent;
    private final SshAgent.Identity identity;

    AgentAuth(SshAgent agent, SshAgent.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
    }

    private boolean rsa() {
        return identity.type().equals("ssh-rsa");
    }

    private String algorithm() {
        return rsa() ? "rsa-sha2-256" : identity.type();
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return buildReq().putBoolean(signed).putString(algorithm()).putString(identity.blob());
    }

    @Override
    public void request() throws UserAuthException, TransportException {
        params.getTransport().write(request(false));
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket req = request(true);
        byte[] toSign = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(req).getCompactData();
        try {
            req.putString(agent.sign(identity.blob(), toSign, rsa() ? SshAgent.RSA_SHA2_256 : 0));
        } catch (IOException e) {
            throw new UserAuthException("the ssh-agent did not sign with " + identity.comment() + ": " + e.getMessage(), e);
        }
        params.getTransport().write(req);
    }

    @Override
    public String toString() {
        return "ssh-agent key " + identity.type() + " " + identity.comment();
    }
}
