import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingText } from './findings.js';

const finding = {
  message: 'Chứng thư số cá nhân: 1.719 (USB) + 35 (SIM PKI) = 1.754, khác tổng 1.755 (lệch 1).',
  messageEn:
    'Personal digital certificates: 1.719 (USB) + 35 (SIM PKI) = 1.754, differs from the total 1.755 (off by 1).',
};

describe('findingText', () => {
  test('English in the English UI, Vietnamese in the Vietnamese UI', () => {
    assert.equal(findingText(finding, 'en'), finding.messageEn);
    assert.equal(findingText(finding, 'vi'), finding.message);
  });

  test('a finding stored before messageEn existed shows its Vietnamese message in English too', () => {
    assert.equal(findingText({ message: finding.message }, 'en'), finding.message);
    assert.equal(findingText({ message: finding.message, messageEn: '' }, 'en'), finding.message);
  });
});
