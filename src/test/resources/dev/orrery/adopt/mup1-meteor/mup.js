module.exports = {
  servers: {
    one: {
      host: '198.51.100.211',
      username: 'root'
      // pem:
      // password:
      // or leave blank for authenticate from ssh-agent
    }
  },

  meteor: {
    name: 'crater',
    path: '../app',
    servers: {
      one: {}
    },
    buildOptions: {
      serverOnly: true,
      debug: true
    },
    env: {
      ROOT_URL: 'https://crater.io',
      MONGO_URL: 'mongodb://localhost/meteor'
    },
    log: { //optional
      driver: 'syslog',
      opts: {
        'syslog-address': 'udp://logs.example.com:1234'
      }
    },
    dockerImage: 'kadirahq/meteord', //optional
    deployCheckWaitTime: 60 //default 10
  }
};
