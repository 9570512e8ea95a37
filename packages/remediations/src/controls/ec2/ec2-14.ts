import { openPortIngressControl } from './open-port-ingress';

/**
 * EC2.14: security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389 (RDP).
 * The fix revokes exactly the offending ingress rules by rule id (IPv4 and IPv6); a rule wider than
 * port 3389 (a TCP range or all traffic) is revoked whole. Undo: re-authorize the rules of the
 * before-image (`authorizeSecurityGroupIngress`).
 */
export const ec2_14 = openPortIngressControl({
  controlId: 'EC2.14',
  title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389',
  port: 3389,
  service: 'RDP (Remote Desktop)',
});
