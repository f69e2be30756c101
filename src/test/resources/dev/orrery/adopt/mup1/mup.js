// Meteor Up 1.x configuration (mup init, then edited). Read with node: it is a module.
const fs = require('fs');
const path = require('path');

const pem = path.join(process.env.HOME || '/root', '.ssh', 'crater_ed25519');

module.exports = {
  servers: {
    one: {
      // TODO: set host address, username, and authentication method
      host: '198.51.100.211',
      username: 'root',
      pem
      // password: 'server-password'
      // or neither for authenticate from ssh-agent
    },
    two: {
      host: '198.51.100.36',
      username: 'root',
      pem,
      opts: {
        port: 22
      }
    },
    three: {
      host: '198.51.100.52',
      username: 'root'
    },
    db: {
      host: '198.51.100.30',
      username: 'root',
      pem
    }
  },

  app: {
    // TODO: change app name and path
    name: 'crater',
    path: '../',

    servers: {
      one: {},
      two: {},
      three: {
        env: { APP_ROLE: 'worker' }
      }
    },

    buildOptions: {
      serverOnly: true,
    },

    env: {
      // TODO: Change to your app's url
      // If you are using ssl, it needs to start with https://
      ROOT_URL: 'https://crater.io',
      MONGO_URL: 'mongodb://10.0.1.20:27017/crater',
      MONGO_OPLOG_URL: 'mongodb://10.0.1.20:27017/local',
      PORT: 3000,
      METEOR_OPLOG_TOO_FAR_BEHIND: 2000,
    },

    docker: {
      // change to 'abernix/meteord:base' if your app is using Meteor 1.4 - 1.5
      image: 'zodern/meteor:root',
      prepareBundle: true,
      args: ['--memory-reservation 400M'],
    },

    // Show progress bar while uploading bundle to server
    // You might need to disable it on CI servers
    enableUploadProgressBar: true,
    deployCheckWaitTime: 120,
  },

  mongo: {
    version: '3.4.1',
    oplog: true,
    port: 27017,
    servers: {
      db: {}
    }
  },

  // (Optional)
  // Use the proxy to setup ssl or to route requests to the correct
  // app when there are several apps
  proxy: {
    domains: 'crater.io,www.crater.io',
    loadBalancing: true,
    stickySessions: true,
    clientUploadLimit: '50M',

    ssl: {
      // Enable Let's Encrypt
      letsEncryptEmail: 'ops@crater.io',
      forceSSL: true
    }
  },

  hooks: {
    'pre.deploy': {
      localCommand: 'npm test'
    },
    'post.deploy'(api) {
      return api.runSSHCommand(api.getConfig().servers.one, 'echo deployed');
    }
  }
};
